package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads and downloads files as a browser would: createUpload, a PUT of the bytes straight to
 * storage with the headers it names, completeUpload; {@code POST /files} as a multipart form; GETs
 * of the links Parley hands out (paths on the test instance unless absolute).
 */
public final class Uploads {

    public static final String FILE_FIELDS = "id name contentType size width height url thumbnailUrl previewUrl createdAt uploader { id }";
    private static final String CREATE = "mutation($i: CreateUploadInput!) { createUpload(input: $i) { fileId uploadUrl"
            + " uploadHeaders { name value } expiresAt } }";
    private static final String COMPLETE = "mutation($id: ID!) { completeUpload(fileId: $id) { " + FILE_FIELDS + " } }";
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Uploads() {
    }

    /** A created upload: where and how to PUT. */
    public record Created(String fileId, String uploadUrl, Map<String, String> headers) {
    }

    public static GraphQLClient.Result create(Accounts.Account who, String name, String contentType, long size, String channelId) {
        Map<String, Object> input = new HashMap<>(Map.of("fileName", name, "contentType", contentType, "size", size));
        if (channelId != null) {
            input.put("channelId", channelId);
        }
        return who.client().execute(CREATE, Map.of("i", input));
    }

    public static Created created(GraphQLClient.Result result) {
        Map<String, String> headers = new HashMap<>();
        List<Map<String, String>> listed = result.json().getList("data.createUpload.uploadHeaders");
        listed.forEach(h -> headers.put(h.get("name"), h.get("value")));
        return new Created(result.string("createUpload.fileId"), result.string("createUpload.uploadUrl"), headers);
    }

    /** PUTs {@code bytes} to a presigned URL with the given headers; returns the storage's status code. */
    public static int put(String url, Map<String, String> headers, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static GraphQLClient.Result complete(Accounts.Account who, String fileId) {
        return who.client().execute(COMPLETE, Map.of("id", fileId));
    }

    /** createUpload, PUT, completeUpload: the completed file's fields (errors fail the test). */
    public static Map<String, Object> upload(Accounts.Account who, String name, String contentType, byte[] bytes) {
        Created created = created(create(who, name, contentType, bytes.length, null));
        int status = put(created.uploadUrl(), created.headers(), bytes);
        if (status != 200) {
            throw new AssertionError("storage answered " + status + " to the presigned PUT");
        }
        return complete(who, created.fileId()).assertNoErrors().json().getMap("data.completeUpload");
    }

    /** A small text file, uploaded and completed; its id. */
    public static String textFile(Accounts.Account who) {
        return (String) upload(who, "notes-" + UUID.randomUUID() + ".txt", "text/plain", "some notes\n".getBytes(StandardCharsets.UTF_8))
                .get("id");
    }

    /** GETs a link Parley handed out. */
    public static HttpResponse<byte[]> download(String link) {
        return download(link, Map.of());
    }

    public static HttpResponse<byte[]> download(String link, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(link)).GET();
        headers.forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A link's body as a stream (for large files); fails unless the answer is 200. */
    public static java.io.InputStream resolveStream(String link) {
        HttpResponse<java.io.InputStream> response = send(HttpRequest.newBuilder(resolve(link)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("download answered " + response.statusCode());
        }
        return response.body();
    }

    public static URI resolve(String link) {
        return URI.create(link.startsWith("/") ? "http://localhost:" + SocketClient.testPort() + link : link);
    }

    /** {@code POST /files} with one file field (and {@code channelId} if given), as a browser's FormData would. */
    public static HttpResponse<String> postForm(String accessToken, String name, String contentType, byte[] bytes, String channelId) {
        String boundary = "----parley" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (channelId != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"channelId\"\r\n\r\n" + channelId + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write(formFileHeader(boundary, name, contentType));
            body.write(bytes);
            body.write(formEnd(boundary));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        HttpRequest.Builder request = formRequest(accessToken, boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The part header that opens a form's file field. */
    public static byte[] formFileHeader(String boundary, String name, String contentType) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: "
                + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] formEnd(String boundary) {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static HttpRequest.Builder formRequest(String accessToken, String boundary) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve("/files")).header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return request;
    }

    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
