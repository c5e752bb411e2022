package dev.parley.testing;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the server's Prometheus metrics ({@code /q/metrics}) as an operator's scraper would. */
public final class Metrics {

    public static final String SIGN_OUT_FAILED_OPEN = "parley_failed_open_total{check=\"sign-out\"}";
    public static final String RATE_LIMIT_FAILED_OPEN = "parley_failed_open_total{check=\"rate-limit\"}";
    public static final String NOTICES_UNPUBLISHED = "parley_notices_unpublished_total";

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    /** The metrics of the app under test. */
    public static Metrics scrape() {
        return new Metrics(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    public static Metrics of(String prometheusText) {
        return new Metrics(prometheusText);
    }

    /**
     * The value of a series, named as {@code name} or {@code name{label="value"}} (the labels given must
     * all match; others may be present); fails when there is no such series.
     */
    public double value(String series) {
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        String[] labels = brace < 0 ? new String[0] : series.substring(brace + 1, series.length() - 1).split(",");
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+\\-]+|NaN)$").matcher(text);
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no series " + series + " in the metrics");
    }
}
