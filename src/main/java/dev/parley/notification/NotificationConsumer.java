package dev.parley.notification;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.parley.event.ChannelEvent;
import dev.parley.event.EventType;
import dev.parley.event.consumer.LogConsumer;
import dev.parley.event.consumer.LogSubscriber;
import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import io.quarkus.runtime.StartupEvent;

/**
 * Notifications come from the committed channel log, not from the request that sent the message: a
 * durable consumer ({@link LogConsumer}, named "notifications") hands this each channel's new
 * events, and every MESSAGE_CREATED one is notified ({@link MessageNotifications}). A pod dying
 * after the commit only delays them (the next holder of the log partition resumes from the
 * checkpoint), and an event handled twice stores nothing twice. A message deleted before its event
 * is handled notifies nobody; a thread reply notifies those who have replied by then.
 */
@ApplicationScoped
public class NotificationConsumer {

    private final MessageNotifications notifier;
    private final MessageStore messages;
    private final LogConsumer consumer;
    private volatile LogConsumer.Following following;

    NotificationConsumer(MessageNotifications notifier, MessageStore messages, LogConsumer consumer) {
        this.notifier = notifier;
        this.messages = messages;
        this.consumer = consumer;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Not a bean of its own (which {@link LogConsumer} would start by itself): started here, and stopped by tests. */
    private final LogSubscriber subscriber = new LogSubscriber() {
        @Override
        public String name() {
            return "notifications";
        }

        @Override
        public void apply(String channelId, List<ChannelEvent> events) {
            notifyAbout(channelId, events);
        }
    };

    void notifyAbout(String channelId, List<ChannelEvent> events) {
        Map<String, Message> roots = events.stream().filter(e -> e.type() == EventType.THREAD_UPDATED && e.message() != null)
                .collect(Collectors.toMap(e -> e.message().id(), ChannelEvent::message, (first, later) -> later));
        for (ChannelEvent event : events) {
            Message message = event.message();
            if (event.type() != EventType.MESSAGE_CREATED || message == null || message.deleted()) {
                continue;
            }
            Message root = message.isReply()
                    ? roots.computeIfAbsent(message.threadId(), id -> messages.get(channelId, id).orElse(null))
                    : null;
            if (!message.isReply() || root != null) {
                notifier.notifyAbout(message, root);
            }
        }
    }

    /** Tests: catches up with everything committed so far, and returns once its notifications are stored. */
    public void catchUpNow() {
        following.catchUpNow();
    }

    /** Tests: this pod stops notifying, as if it died (what it has not handled stays in the log for {@link #start}). */
    public synchronized void stop() {
        if (following != null) {
            following.stop();
            following = null;
        }
    }

    /** Follows the log (again, after {@link #stop}), from the stored checkpoints. */
    public synchronized void start() {
        if (following == null) {
            following = consumer.follow(subscriber);
        }
    }

    @PreDestroy
    void shutDown() {
        stop();
    }
}
