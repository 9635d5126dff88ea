package org.udre.connectors.tsi.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference transcript of a real TSI 11.2.1 session, split into exchanges: the request lines, the reply lines, and
 * for file chunks the raw data and the extra terminator.
 */
public final class Transcript {
    public record Exchange(List<String> request, List<String> reply, byte[] dataToClient, byte[] dataToTsi,
                           List<String> afterData) {
        /** The request as bytes on the wire, terminator included. */
        public String requestText() {
            return String.join("\n", request) + "\n";
        }

        public String replyText() {
            return String.join("\n", reply) + "\n";
        }
    }

    public final String handshakeRequest;
    public final String handshakeReply;
    public final List<Exchange> exchanges;

    private Transcript(String handshakeRequest, String handshakeReply, List<Exchange> exchanges) {
        this.handshakeRequest = handshakeRequest;
        this.handshakeReply = handshakeReply;
        this.exchanges = exchanges;
    }

    public static Transcript load() {
        try (InputStream in = Transcript.class.getResourceAsStream("/tsi-11.2.1-session.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript parse(String text) {
        String shepherdRequest = null;
        String shepherdReply = null;
        List<Exchange> exchanges = new ArrayList<>();
        List<String> request = new ArrayList<>();
        List<String> reply = new ArrayList<>();
        List<String> after = new ArrayList<>();
        byte[] toClient = null;
        byte[] toTsi = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("SHEPHERD>> ")) {
                shepherdRequest = line.substring(11);
            } else if (line.startsWith("SHEPHERD<< ")) {
                shepherdReply = line.substring(11);
            } else if (line.startsWith("CMD>> ")) {
                if (!reply.isEmpty()) {
                    exchanges.add(new Exchange(request, reply, toClient, toTsi, after));
                    request = new ArrayList<>();
                    reply = new ArrayList<>();
                    after = new ArrayList<>();
                    toClient = null;
                    toTsi = null;
                }
                request.add(line.substring(6));
            } else if (line.startsWith("CMD<< ")) {
                (toClient != null || toTsi != null ? after : reply).add(line.substring(6));
            } else if (line.startsWith("DATA<< ")) {
                toClient = pythonBytes(line);
            } else if (line.startsWith("DATA>> ")) {
                toTsi = pythonBytes(line);
            }
        }
        exchanges.add(new Exchange(request, reply, toClient, toTsi, after));
        return new Transcript(shepherdRequest, shepherdReply, List.copyOf(exchanges));
    }

    /** Decodes {@code DATA<< (6 bytes) b'hello\n'}. */
    static byte[] pythonBytes(String line) {
        String literal = line.substring(line.indexOf("b'") + 2, line.lastIndexOf('\''));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    out.write(Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.write(e);
            }
        }
        return out.toByteArray();
    }
}
