package org.udre.templates;

import org.udre.catalog.scripts.ScriptTemplate;
import org.udre.catalog.scripts.ShellQuoting;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A script run through the TSI of every node of a role once the cluster is up.
 *
 * @param name what the script does in a word or two; names its TSI job; unique within the role
 * @param run  bash; {@code {{name}}} stands for a parameter or a {@link ClusterFacts cluster fact}, and may stand
 *             only where a shell word may (see {@link #render})
 */
public record Script(String name, String run) {

    /** The JSON Schema's {@code lowerCaseWord}; a test holds them equal. */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    public Script {
        Objects.requireNonNull(name, "script name");
        if (!NAME.matcher(name).matches() || name.length() > 64) {
            throw new IllegalArgumentException("script name may contain only lower-case letters, digits and '-',"
                    + " must start with a letter and be at most 64 characters; was \"" + name + "\"");
        }
        Objects.requireNonNull(run, "text of script " + name);
        if (run.isBlank()) {
            throw new IllegalArgumentException("script " + name + " is empty");
        }
        List<String> problems = ScriptTemplate.parse(run).problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("script " + name + " " + String.join("; ", problems));
        }
    }

    /** Every name the script's placeholders use, in order of first use. */
    public Set<String> references() {
        return ScriptTemplate.parse(run).names();
    }

    /**
     * The script as it runs on one node: every {@code {{name}}} replaced by its value as one single-quoted shell word
     * (a list: one word per member, separated by spaces; nothing for an empty list). Values are safe whatever they
     * hold: placeholders stand only where bash reads a word, and the quoting keeps the TSI's own words out.
     *
     * @param nodeName the node it runs on; must be one of {@code facts}' members
     * @throws IllegalArgumentException when the node is not a member, or a name is neither a parameter nor a fact
     *                                  (a template that passed validation uses none such)
     */
    public String render(ClusterFacts facts, String nodeName) {
        ClusterFacts.Member node = facts.member(nodeName);
        return ScriptTemplate.parse(run).template().render(name -> ShellQuoting.quoteAll(facts.resolve(name, node)));
    }
}
