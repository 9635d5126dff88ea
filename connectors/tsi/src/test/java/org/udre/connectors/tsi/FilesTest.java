package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.support.TestTsi;

class FilesTest {
    private static final Identity WHO = Identity.of("nobody");

    @TempDir
    Path dir;

    @Test
    void stat_of_a_missing_path_is_empty() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThat(tsi.client.stat(tsi.address, WHO, dir + "/nothing-here")).isEmpty();
        }
    }

    @Test
    void stat_of_a_file_says_what_ls_says() throws Exception {
        Path file = Files.writeString(dir.resolve("data.txt"), "twelve bytes");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        try (TestTsi tsi = TestTsi.start(dir)) {
            FileEntry entry = tsi.client.stat(tsi.address, WHO, file.toString()).orElseThrow();
            assertThat(entry.path()).isEqualTo(file.toString());
            assertThat(entry.directory()).isFalse();
            assertThat(entry.size()).isEqualTo(12);
            assertThat(entry.permissions()).isEqualTo("rw-r-----");
            assertThat(entry.owner()).isEqualTo(Files.getOwner(file).getName());
            assertThat(entry.modified()).isEqualTo(Instant.ofEpochSecond(Files.getLastModifiedTime(file).toMillis() / 1000));
            assertThat(entry.readable()).isTrue();
            assertThat(entry.owned()).isTrue();
        }
    }

    @Test
    void a_directory_is_listed_with_its_children_and_recursively_with_theirs() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/top.txt"), "1");
        Files.writeString(dir.resolve("a/b/deep.txt"), "22");
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            assertThat(session.stat(dir + "/a")).hasValueSatisfying(e -> assertThat(e.directory()).isTrue());
            assertThat(session.list(dir + "/a")).extracting(FileEntry::name).containsExactlyInAnyOrder("b", "top.txt");
            assertThat(session.listRecursive(dir + "/a")).extracting(FileEntry::path)
                    .containsExactlyInAnyOrder(dir + "/a/b", dir + "/a/top.txt", dir + "/a/b/deep.txt");
            assertThat(session.list(dir + "/missing")).isEmpty();
        }
    }

    @Test
    void read_file_reads_a_file_of_several_chunks_exactly() throws Exception {
        byte[] content = new byte[TsiSession.CHUNK * 2 + 12345];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("blob.bin"), content);
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThat(tsi.client.readFile(tsi.address, WHO, file.toString(), content.length)).hasValue(content);
            assertThat(tsi.client.readFile(tsi.address, WHO, dir + "/absent", 10)).isEmpty();
        }
    }

    @Test
    void read_file_refuses_a_file_larger_than_allowed_and_a_directory() throws Exception {
        Path file = Files.writeString(dir.resolve("big.txt"), "0123456789");
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThatThrownBy(() -> tsi.client.readFile(tsi.address, WHO, file.toString(), 9))
                    .isInstanceOf(TsiException.class).hasMessageContaining("10 bytes, more than the 9 allowed");
            assertThatThrownBy(() -> tsi.client.readFile(tsi.address, WHO, dir.toString(), 9))
                    .isInstanceOf(TsiException.class).hasMessageContaining("is a directory");
        }
    }

    @Test
    void read_head_reads_the_beginning_of_a_file_of_several_chunks_and_says_how_large_it_is() throws Exception {
        byte[] content = new byte[TsiSession.CHUNK * 2 + 12345];
        new Random(11).nextBytes(content);
        Path file = Files.write(dir.resolve("long-output.bin"), content);
        int wanted = TsiSession.CHUNK + 10;
        try (TestTsi tsi = TestTsi.start(dir)) {
            FileHead head = tsi.client.readHead(tsi.address, WHO, file.toString(), wanted).orElseThrow();

            assertThat(head.bytes()).isEqualTo(java.util.Arrays.copyOf(content, wanted));
            assertThat(head.size()).isEqualTo(content.length);
            assertThat(head.cut()).isTrue();
        }
    }

    @Test
    void read_head_of_a_short_file_is_the_whole_file_and_of_a_missing_one_is_empty() throws Exception {
        Path file = Files.writeString(dir.resolve("short.txt"), "short");
        try (TestTsi tsi = TestTsi.start(dir)) {
            FileHead head = tsi.client.readHead(tsi.address, WHO, file.toString(), 1000).orElseThrow();

            assertThat(head.bytes()).isEqualTo("short".getBytes(StandardCharsets.UTF_8));
            assertThat(head.cut()).isFalse();
            assertThat(tsi.client.readHead(tsi.address, WHO, dir + "/absent", 10)).isEmpty();
        }
    }

    @Test
    void write_file_creates_or_replaces_a_file() throws Exception {
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            session.writeFile(dir + "/note.txt", "first version, longer".getBytes(StandardCharsets.UTF_8));
            session.writeFile(dir + "/note.txt", "second".getBytes(StandardCharsets.UTF_8));
            session.writeFile(dir + "/empty.txt", new byte[0]);
        }
        assertThat(dir.resolve("note.txt")).hasContent("second");
        assertThat(Files.getPosixFilePermissions(dir.resolve("note.txt"))).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(dir.resolve("empty.txt")).isEmptyFile();
    }

    @Test
    void writing_into_a_missing_directory_fails_with_the_tsis_reason_and_keeps_the_worker() {
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            assertThatThrownBy(() -> session.writeFile(dir + "/no/such/dir/f", new byte[] {1}))
                    .isInstanceOfSatisfying(TsiFailedException.class, e -> assertThat(e.reason())
                            .isEqualTo("[Errno 2] No such file or directory: '" + dir + "/no/such/dir/f'"));
            assertThat(session.executeScript("echo fine")).isEqualTo("fine\n");
        }
    }

    @Test
    void an_exit_code_file_is_read_as_a_number_and_an_empty_one_as_not_there_yet() throws Exception {
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            assertThat(session.exitCode(dir.toString())).isEmpty();
            Files.writeString(dir.resolve("UNICORE_SCRIPT_EXIT_CODE"), "");
            assertThat(session.exitCode(dir.toString())).isEmpty();
            Files.writeString(dir.resolve("UNICORE_SCRIPT_EXIT_CODE"), "137\n");
            assertThat(session.exitCode(dir + "/")).hasValue(137);
            Files.writeString(dir.resolve("UNICORE_SCRIPT_EXIT_CODE"), "killed\n");
            assertThatThrownBy(() -> session.exitCode(dir.toString())).isInstanceOf(TsiException.class)
                    .hasMessageContaining("'killed'");
        }
    }

    @Test
    void disk_usage_reports_the_file_system_of_a_path() {
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            DiskUsage usage = session.diskUsage(dir.toString());
            assertThat(usage.total()).isPositive();
            assertThat(usage.free()).isBetween(0L, usage.total());
            assertThat(usage.userQuota()).isEqualTo(-1);
            assertThatThrownBy(() -> session.diskUsage(dir + "/missing")).isInstanceOf(TsiFailedException.class)
                    .hasMessageContaining("Command 'df -P -B 1 " + dir + "/missing' failed with code 1");
        }
    }
}
