package io.needleguard.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evidence labels of a finding's source, as src/docs/safety-rules.md defines them: {@code [P]}
 * primary clinical literature, {@code [R]} regulator or professional body, {@code [M]} manufacturer,
 * clinic or consumer guide, {@code [U]} widely repeated without a primary source, {@code [J]}
 * engineering judgement. A threshold the user changed is cited as their configuration.
 */
final class Evidence {

    static final Map<String, String> MEANING = Map.of(
            "P", "primary clinical literature",
            "R", "regulator or professional body",
            "M", "manufacturer, clinic or consumer guide",
            "U", "widely repeated, no primary source found",
            "J", "engineering judgement, no source");

    private static final Pattern BRACKETS = Pattern.compile("\\[([A-Z][A-Z ,/]*)\\]");

    /** A label and what it means. */
    record Label(String code, String meaning) {}

    private Evidence() {}

    /** The labels in {@code source}, each once, in the order they first appear. */
    static List<Label> of(String source) {
        Set<String> codes = new LinkedHashSet<>();
        Matcher m = BRACKETS.matcher(source);
        while (m.find()) {
            for (String code : m.group(1).split("[ ,/]+")) {
                if (MEANING.containsKey(code)) {
                    codes.add(code);
                }
            }
        }
        List<Label> labels = new ArrayList<>();
        if (source.startsWith("your configuration")) {
            labels.add(new Label("C", "your configuration"));
        }
        codes.forEach(c -> labels.add(new Label(c, MEANING.get(c))));
        return labels;
    }
}
