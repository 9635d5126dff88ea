package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.agent.Fault;
import org.udre.connectors.tsi.support.TestTsi;

class StagingTest {
    private static final Identity WHO = Identity.of("nobody");
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a_100_mib_file_is_staged_in_and_out_in_chunks_with_an_unchanged_checksum() throws Exception {
        Path local = dir.resolve("local");
        Path job = dir.resolve("job");
        Files.createDirectories(local);
        Files.createDirectories(job);
        Path source = local.resolve("input.bin");
        String sourceSum = writeRandom(source, 100 * MIB + 4321);
        try (TestTsi tsi = TestTsi.start(dir)) {
            long start = System.nanoTime();
            long in = tsi.client.stageIn(tsi.address, WHO, source, job.toString(), "input.bin");
            double inSeconds = (System.nanoTime() - start) / 1e9;
            assertThat(in).isEqualTo(Files.size(source));
            assertThat(sha256(job.resolve("input.bin"))).isEqualTo(sourceSum);

            Path back = local.resolve("returned.bin");
            start = System.nanoTime();
            long out = tsi.client.stageOut(tsi.address, WHO, job.toString(), "input.bin", back);
            double outSeconds = (System.nanoTime() - start) / 1e9;
            assertThat(out).isEqualTo(in);
            assertThat(sha256(back)).isEqualTo(sourceSum);
            System.out.printf("staged %.1f MiB in at %.0f MiB/s and out at %.0f MiB/s%n", in / (double) MIB,
                    in / (double) MIB / inSeconds, out / (double) MIB / outSeconds);
        }
    }

    @Test
    void staging_in_keeps_the_permission_bits_so_scripts_stay_executable() throws Exception {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path job = Files.createDirectories(dir.resolve("job"));
        try (TestTsi tsi = TestTsi.start(dir)) {
            tsi.client.stageIn(tsi.address, WHO, script, job.toString(), "run.sh");
            assertThat(Files.getPosixFilePermissions(job.resolve("run.sh"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
            assertThat(tsi.client.executeScript(tsi.address, WHO, job + "/run.sh")).isEqualTo("ran\n");
        }
    }

    @Test
    void an_empty_file_is_staged_as_an_empty_file() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        Path job = Files.createDirectories(dir.resolve("job"));
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThat(tsi.client.stageIn(tsi.address, WHO, empty, job.toString(), "empty")).isZero();
            assertThat(tsi.client.stageOut(tsi.address, WHO, job.toString(), "empty", dir.resolve("back"))).isZero();
        }
        assertThat(dir.resolve("job/empty")).isEmptyFile();
        assertThat(dir.resolve("back")).isEmptyFile();
    }

    @Test
    void staging_out_a_missing_file_fails_and_leaves_no_local_file() throws Exception {
        Path job = Files.createDirectories(dir.resolve("job"));
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThatThrownBy(() -> tsi.client.stageOut(tsi.address, WHO, job.toString(), "nope", dir.resolve("out/nope")))
                    .isInstanceOf(TsiException.class).hasMessageContaining(job + "/nope");
        }
        assertThat(dir.resolve("out/nope")).doesNotExist();
    }

    @Test
    void a_stage_out_broken_off_midway_leaves_neither_a_partial_file_nor_a_usable_looking_worker() throws Exception {
        Path job = Files.createDirectories(dir.resolve("job"));
        writeRandom(job.resolve("big.bin"), 3 * MIB);
        Path target = dir.resolve("target.bin");
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            tsi.agent.fault(Fault.DROP_MID_REPLY);
            assertThatThrownBy(() -> session.stageOut(job.toString(), "big.bin", target))
                    .isInstanceOf(TsiConnectionLostException.class);
            tsi.agent.fault(Fault.NONE);
        }
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("job");
        }
    }

    @Test
    void a_stage_in_into_a_missing_directory_fails_with_the_tsis_reason_and_creates_nothing() throws Exception {
        Path source = Files.writeString(dir.resolve("in.txt"), "data");
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThatThrownBy(() -> tsi.client.stageIn(tsi.address, WHO, source, dir + "/job", "sub/in.txt"))
                    .isInstanceOfSatisfying(TsiFailedException.class, e -> assertThat(e.reason())
                            .isEqualTo("[Errno 2] No such file or directory: '" + dir + "/job/sub/in.txt'"));
        }
        assertThat(dir.resolve("job")).doesNotExist();
    }

    private static String writeRandom(Path file, int size) throws IOException {
        Random random = new Random(size);
        byte[] block = new byte[MIB];
        MessageDigest digest = sha();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                int n = Math.min(left, block.length);
                out.write(block, 0, n);
                digest.update(block, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
