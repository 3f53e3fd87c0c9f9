package io.needleguard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.needleguard.json.ParseErrors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error in words a user can act on: SnakeYAML's place and problem without its reader
 * excerpts; anything else (a limit, a token Jackson refused) as {@link ParseErrors} words it. SnakeYAML
 * is the configuration's library alone (the layering test holds it), so its errors are worded here.
 */
final class YamlErrors {

    private YamlErrors() {}

    /** {@code " at line 3, column 7: mapping values are not allowed here"}: the place, then the problem. */
    static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            Mark mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
            String where =
                    mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = yaml.getProblem() == null ? "" : yaml.getProblem();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return where + ": " + problem + context;
        }
        return ParseErrors.describe(e);
    }
}
