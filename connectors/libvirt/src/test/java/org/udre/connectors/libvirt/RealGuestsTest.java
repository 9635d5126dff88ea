package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.JobSubmission;
import org.udre.connectors.tsi.Readiness;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.TsiClientSettings;

/**
 * udre-guest 1.0 on real QEMU guests (TCG, 1 vCPU, 256 MiB) under this machine's libvirtd, on the NAT network
 * "udre": the guest learns the engine's address from its seed, gets its address by DHCP, and its TSI agent calls
 * back to the engine's address on that network. Run by the Maven profile real-vms only; prints, per guest, the
 * seconds from define to a TSI that answers a full handshake.
 *
 * <p>The guests that run jobs come one after the other, so that "one at a time" and "three at once" mean what they
 * say. The guest without a TSI, idle once booted, waits out its deadline beside the first of them (it is started
 * first and runs concurrently; the others run in order in the test thread).
 */
@Tag("real-vms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealGuestsTest {


    private static final String PREFIX = "udre-rv-";
    /** Generous: a loaded two-core machine emulating the guest's CPU. Waits end as soon as the guest is there. */
    private static final Duration BOOT_WITHIN = Duration.ofSeconds(120);
    private static final Identity WHO = Identity.of("nobody");
    private static final String WORKSPACE = "/var/lib/udre/jobs";

    private static LibvirtHost host;
    private static TsiClient tsi;

    @TempDir
    Path work;

    @BeforeAll
    static void prepareHost() {
        host = RealHost.prepare();
        RealGuest.removeLeftovers(host, PREFIX);
        // Short connect and call-back timeouts: a guest that is still booting should fail a check quickly.
        tsi = new TsiClient(TsiClientSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
    }

    @AfterAll
    static void close() {
        if (tsi != null) {
            tsi.close();
        }
        if (host != null) {
            RealGuest.removeLeftovers(host, PREFIX);
            host.close();
        }
    }

    /**
     * Runs {@code script} as a job in the guest's workspace with its outcome (output, exit code) in {@code directory},
     * which the TSI creates, and returns its standard output.
     */
    private static String runJob(TsiAddress address, String directory, String script) {
        String bssid = tsi.submit(address, WHO, JobSubmission.of(WORKSPACE, "real-vms", script)
                .withOutcomeDirectory(directory));
        await("job " + bssid + " at " + address).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !tsi.statusListing(address, WHO).containsKey(bssid)
                        && tsi.exitCode(address, WHO, directory).isPresent());
        assertThat(tsi.exitCode(address, WHO, directory)).contains(0);
        byte[] stdout = tsi.readFile(address, WHO, directory + "/stdout", 64 * 1024).orElseThrow();
        return new String(stdout, StandardCharsets.UTF_8);
    }

    private static void assertNothingLeftOf(RealGuest guest) {
        assertThat(host.virtualMachines().state(guest.name)).isEqualTo(VmState.ABSENT);
        assertThat(host.volumes().exists(RealHost.POOL, guest.disk())).isFalse();
        assertThat(host.volumes().exists(RealHost.POOL, guest.seed())).isFalse();
        assertThat(guest.consoleLog()).doesNotExist();
    }

    @Test
    @Order(2)
    void a_guest_with_a_seed_gets_a_lease_its_tsi_answers_and_runs_a_job_and_teardown_leaves_nothing() {
        RealGuest guest = RealGuest.boot(host, PREFIX + "single", RealGuest.BASE, work);
        try {
            TsiAddress address = guest.awaitTsi(tsi, BOOT_WITHIN);
            double ready = guest.secondsSinceDefine();
            System.out.printf("real-vms: %s TSI ready %.1f s after define (one at a time), at %s%n", guest.name, ready,
                    address);

            assertThat(address.host()).startsWith("192.168.150.");
            assertThat(tsi.ping(address)).isNotBlank();
            String output = runJob(address, WORKSPACE + "/job-1", "echo \"hello from $(hostname)\"; uname -r");

            assertThat(output).contains("hello from " + guest.name).contains("amd64");
            assertThat(guest.console()).contains("udre-guest: tsi agent listening on port 4433");
        } finally {
            guest.teardown();
        }
        assertNothingLeftOf(guest);
    }

    /**
     * Checks readiness as the engine does, from the start until the image's deadline: with no address yet there is
     * nothing to check ({@code NO_ADDRESS}); then the TSI's port is shut. Afterwards the console shows the guest did
     * come up, so it was the missing agent that kept it from being ready, not a failed boot.
     */
    @Test
    @Order(1)
    @Execution(ExecutionMode.CONCURRENT)
    void a_guest_whose_tsi_never_comes_up_is_not_ready_by_its_deadline_and_is_torn_down() {
        RealGuest guest = RealGuest.boot(host, PREFIX + "silent", RealGuest.BASE_WITHOUT_AGENT, work);
        Duration readyWithin = Duration.ofSeconds(20);
        List<String> seen = new ArrayList<>();
        try {
            while (guest.secondsSinceDefine() < readyWithin.toSeconds()) {
                List<String> addresses = host.virtualMachines().addresses(guest.name);
                seen.add(addresses.isEmpty() ? "NO_ADDRESS" : tsi.checkReadiness(
                        new TsiAddress(addresses.get(0), RealGuest.TSI_PORT), "10.4.0").status().name());
                sleep(Duration.ofSeconds(1));
            }
            System.out.printf("real-vms: %s readiness checks until the %d s deadline: %s%n", guest.name,
                    readyWithin.toSeconds(), seen);
            await("console of " + guest.name).atMost(BOOT_WITHIN).pollInterval(Duration.ofMillis(250))
                    .until(() -> guest.console().contains("this guest has no tsi agent"));
        } finally {
            guest.teardown();
        }

        assertThat(seen).isNotEmpty().doesNotContain(Readiness.Status.READY.name())
                .allMatch(status -> status.equals("NO_ADDRESS") || status.equals("UNREACHABLE"));
        assertNothingLeftOf(guest);
    }

    @Test
    @Order(3)
    void three_guests_at_once_each_run_their_own_job() throws Exception {
        List<RealGuest> guests = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int i = 1; i <= 3; i++) {
                guests.add(RealGuest.boot(host, PREFIX + "trio-" + i, RealGuest.BASE, work));
            }
            List<Future<Map.Entry<Double, String>>> outcomes = new ArrayList<>();
            for (RealGuest guest : guests) {
                outcomes.add(pool.submit(() -> {
                    TsiAddress address = guest.awaitTsi(tsi, BOOT_WITHIN);
                    double ready = guest.secondsSinceDefine();
                    return Map.entry(ready, runJob(address, WORKSPACE + "/" + guest.name,
                            "echo \"job of $(hostname)\""));
                }));
            }
            for (int i = 0; i < guests.size(); i++) {
                Map.Entry<Double, String> outcome = outcomes.get(i).get();
                System.out.printf("real-vms: %s TSI ready %.1f s after define (three at once)%n",
                        guests.get(i).name, outcome.getKey());
                assertThat(outcome.getValue()).isEqualTo("job of " + guests.get(i).name + "\n");
            }
        } finally {
            pool.shutdownNow();
            guests.forEach(RealGuest::teardown);
        }
        guests.forEach(RealGuestsTest::assertNothingLeftOf);
    }

    @Test
    @Order(4)
    void an_upload_sends_the_files_bytes_a_second_upload_of_them_adopts_the_volume_and_other_bytes_are_refused()
            throws Exception {
        String volume = PREFIX + "upload-seed.iso";
        Path iso = GuestContext.of("vm-a", "vm-a", "192.168.150.1", 4433).seed().writeIso(work.resolve("a.iso"));
        Path other = GuestContext.of("vm-b", "vm-b", "192.168.150.1", 4433).seed().writeIso(work.resolve("b.iso"));
        try {
            host.volumes().upload(RealHost.POOL, volume, iso, "iso");
            host.volumes().upload(RealHost.POOL, volume, iso, "raw");

            assertThat(Path.of(host.volumes().path(RealHost.POOL, volume))).hasSameBinaryContentAs(iso);
            assertThatThrownBy(() -> host.volumes().upload(RealHost.POOL, volume, other, "iso"))
                    .isInstanceOfSatisfying(LibvirtException.class,
                            e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.REFUSED))
                    .hasMessageContaining("already exists in pool 'udre' with other content");
            assertThat(Path.of(host.volumes().path(RealHost.POOL, volume))).hasSameBinaryContentAs(iso);
        } finally {
            host.volumes().delete(RealHost.POOL, volume);
        }
        assertThat(host.volumes().exists(RealHost.POOL, volume)).isFalse();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
