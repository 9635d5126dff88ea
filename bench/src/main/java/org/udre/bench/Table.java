package org.udre.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table, printed with aligned columns so that it reads in a terminal and pastes into a note. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    void print() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < columns; i++) {
                line.append(' ').append(pad(rows.get(r)[i], width[i], i > 0)).append(" |");
            }
            System.out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int i = 0; i < columns; i++) {
                    rule.append(i > 0 ? " " + "-".repeat(width[i] - 1) + ": |" : " " + "-".repeat(width[i]) + " |");
                }
                System.out.println(rule);
            }
        }
    }

    private static String pad(String text, int width, boolean right) {
        String space = " ".repeat(width - text.length());
        return right ? space + text : text + space;
    }

    static String fixed(double value, int decimals) {
        return String.format("%." + decimals + "f", value);
    }
}
