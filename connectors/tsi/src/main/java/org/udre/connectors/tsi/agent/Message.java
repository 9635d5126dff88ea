package org.udre.connectors.tsi.agent;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request as the TSI reads it: the text before {@code ENDOFMESSAGE}, each line with its LF. The TSI finds the
 * command as {@code #TAG} followed by LF anywhere, and parameters as the first line starting {@code #TSI_NAME }.
 */
final class Message {
    private static final Pattern IDENTITY = Pattern.compile("#TSI_IDENTITY (\\S+) (\\S+)\n");

    private final String text;

    Message(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        this.text = sb.toString();
    }

    private Message(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    boolean hasTag(String tag) {
        return text.contains("#" + tag + "\n");
    }

    /** The value of the first line {@code #TSI_<name> <value>}; null if there is none or the value is empty. */
    String parameter(String name) {
        String prefix = "#TSI_" + name + " ";
        int from = 0;
        while (true) {
            int at = text.indexOf(prefix, from);
            if (at < 0) {
                return null;
            }
            if (at == 0 || text.charAt(at - 1) == '\n') {
                int end = text.indexOf('\n', at);
                String value = text.substring(at + prefix.length(), end);
                return value.isEmpty() ? null : value;
            }
            from = at + 1;
        }
    }

    /** A resource number as the TSI reads it: int(float(value)), or -1 when absent or not a number. */
    long number(String name) {
        String value = parameter(name);
        if (value == null) {
            return -1;
        }
        try {
            return (long) Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** user and groups of the first identity line, or null. */
    String[] identity() {
        Matcher m = IDENTITY.matcher(text);
        return m.find() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** The TSI replaces these literally in submit, file and listing messages, before anything else. */
    Message withVariablesExpanded(Map<String, String> env) {
        return new Message(expand(text, env));
    }

    static String expand(String text, Map<String, String> env) {
        return text.replace("$HOME", env.getOrDefault("HOME", ""))
                .replace("$LOGNAME", env.getOrDefault("LOGNAME", ""))
                .replace("$USER", env.getOrDefault("USER", ""));
    }
}
