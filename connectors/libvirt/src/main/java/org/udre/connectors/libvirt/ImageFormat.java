package org.udre.connectors.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;

/**
 * The format of an image file, read from its first bytes as QEMU and libvirt read it, so that an upload can be
 * refused before anything is made on the host when the file is not what the caller says it is.
 */
final class ImageFormat {

    static final Set<String> UPLOADABLE = Set.of("qcow2", "raw", "iso");

    private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    /** ISO 9660: "CD001" in the first volume descriptor, which starts at sector 16 of 2048 bytes. */
    private static final long ISO_MAGIC_OFFSET = 16 * 2048 + 1;
    private static final byte[] ISO_MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);

    private ImageFormat() {
    }

    /** "qcow2", "iso" or "raw" (anything else). */
    static String of(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (Arrays.equals(read(channel, 0, QCOW_MAGIC.length), QCOW_MAGIC)) {
                return "qcow2";
            }
            if (Arrays.equals(read(channel, ISO_MAGIC_OFFSET, ISO_MAGIC.length), ISO_MAGIC)) {
                return "iso";
            }
            return "raw";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Whether a file in {@code actual} format may be handed out as {@code declared}. An ISO image is raw data for
     * QEMU; a qcow2 file never is: read as raw, the guest would see the container and could point it elsewhere.
     */
    static boolean fits(String declared, String actual) {
        return declared.equals(actual) || (declared.equals("raw") && actual.equals("iso"));
    }

    private static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        return buffer.hasRemaining() ? new byte[0] : buffer.array();
    }
}
