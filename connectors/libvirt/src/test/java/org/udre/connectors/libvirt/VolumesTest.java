package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.StoragePool;

/**
 * Volumes in the pool "default-pool" of libvirt's shared in-process test host. The base volume is made here with
 * libvirt-java itself, the way an image import would make it, and volumes are inspected the same way.
 */
class VolumesTest {

    private static final String POOL = "default-pool";
    private static final String BASE = "volt-base.qcow2";
    private static final long GIB = 1L << 30;

    private static Connect libvirt;
    private static LibvirtHost host;
    private static Volumes volumes;

    @BeforeAll
    static void createBaseVolume() throws Exception {
        libvirt = new Connect("test:///default");
        libvirt.storagePoolLookupByName(POOL).storageVolCreateXML("<volume><name>" + BASE + "</name>"
                + "<capacity unit='bytes'>" + GIB + "</capacity><target><format type='qcow2'/></target></volume>", 0);
        host = LibvirtHost.connect("test:///default");
        volumes = host.volumes();
    }

    @AfterEach
    void leaveOnlyTheBase() {
        for (String name : volumes.names(POOL)) {
            if (name.startsWith("volt-") && !name.equals(BASE)) {
                volumes.delete(POOL, name);
            }
        }
    }

    @AfterAll
    static void removeBaseVolume() throws Exception {
        volumes.delete(POOL, BASE);
        host.close();
        libvirt.close();
    }

    private static String volumeXml(String name) throws Exception {
        StoragePool pool = libvirt.storagePoolLookupByName(POOL);
        return pool.storageVolLookupByName(name).getXMLDesc(0);
    }

    @Test
    void an_overlay_is_a_qcow2_volume_backed_by_the_base_volume() throws Exception {
        volumes.createOverlay(POOL, "volt-vm1.qcow2", BASE, 2 * GIB);

        assertThat(volumes.exists(POOL, "volt-vm1.qcow2")).isTrue();
        String xml = volumeXml("volt-vm1.qcow2");
        assertThat(VolumeXml.format(xml)).isEqualTo("qcow2");
        assertThat(VolumeXml.backingPath(xml)).isEqualTo(volumes.path(POOL, BASE));
        assertThat(XmlDocuments.values(XmlDocuments.parse(xml), "/volume/backingStore/format/@type"))
                .containsExactly("qcow2");
        assertThat(XmlDocuments.values(XmlDocuments.parse(xml), "/volume/capacity")).containsExactly("" + 2 * GIB);
    }

    @Test
    void creating_an_overlay_again_adopts_the_one_that_exists() {
        volumes.createOverlay(POOL, "volt-again.qcow2", BASE, GIB);

        volumes.createOverlay(POOL, "volt-again.qcow2", BASE, GIB);

        assertThat(volumes.names(POOL)).filteredOn("volt-again.qcow2"::equals).hasSize(1);
    }

    @Test
    void a_missing_base_volume_is_a_not_found_error_naming_pool_volume_and_host_and_nothing_is_created() {
        assertThatThrownBy(() -> volumes.createOverlay(POOL, "volt-orphan.qcow2", "volt-no-such-base.qcow2", GIB))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.NOT_FOUND))
                .hasMessageContaining("base volume 'volt-no-such-base.qcow2' does not exist in pool 'default-pool'")
                .hasMessageContaining("volume 'volt-orphan.qcow2'")
                .hasMessageContaining("on test:///default");

        assertThat(volumes.exists(POOL, "volt-orphan.qcow2")).isFalse();
    }

    @Test
    void an_existing_volume_of_that_name_over_another_base_is_refused_not_adopted() throws Exception {
        libvirt.storagePoolLookupByName(POOL).storageVolCreateXML("<volume><name>volt-taken.qcow2</name>"
                + "<capacity unit='bytes'>" + GIB + "</capacity><target><format type='qcow2'/></target></volume>", 0);

        assertThatThrownBy(() -> volumes.createOverlay(POOL, "volt-taken.qcow2", BASE, GIB))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.REFUSED))
                .hasMessageContaining("volume 'volt-taken.qcow2' already exists in pool 'default-pool' but is not an"
                        + " overlay over base volume 'volt-base.qcow2'");
    }

    @Test
    void an_overlay_smaller_than_its_base_is_refused_and_nothing_is_created() {
        assertThatThrownBy(() -> volumes.createOverlay(POOL, "volt-small.qcow2", BASE, GIB - 1))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.REFUSED))
                .hasMessageContaining("volume 'volt-small.qcow2' in pool 'default-pool' on test:///default")
                .hasMessageContaining("capacity " + (GIB - 1) + " bytes is smaller than base volume '" + BASE
                        + "' (" + GIB + " bytes)");

        assertThat(volumes.exists(POOL, "volt-small.qcow2")).isFalse();
    }

    @Test
    void an_empty_volume_is_created_in_the_format_asked_and_creating_it_again_adopts_it() throws Exception {
        volumes.create(POOL, "volt-empty.raw", GIB, "raw");
        volumes.create(POOL, "volt-empty.raw", GIB, "raw");

        String xml = volumeXml("volt-empty.raw");
        assertThat(VolumeXml.format(xml)).isEqualTo("raw");
        assertThat(VolumeXml.backingPath(xml)).isEmpty();
        assertThat(volumes.names(POOL)).filteredOn("volt-empty.raw"::equals).hasSize(1);
    }

    @Test
    void an_empty_volume_whose_name_exists_in_another_format_is_refused() {
        volumes.create(POOL, "volt-fmt.img", GIB, "qcow2");

        assertThatThrownBy(() -> volumes.create(POOL, "volt-fmt.img", GIB, "raw"))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.REFUSED))
                .hasMessageContaining("volume 'volt-fmt.img' already exists in format 'qcow2'");
    }

    @Test
    void a_format_that_is_not_a_libvirt_format_name_is_refused_with_the_format_quoted() {
        assertThatThrownBy(() -> volumes.create(POOL, "volt-bad.img", GIB, "qcow2'/><x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format of volume 'volt-bad.img' 'qcow2'/><x' is not a libvirt format name");
    }

    @Test
    void deleting_a_volume_removes_it_and_deleting_it_again_is_success() {
        volumes.createOverlay(POOL, "volt-gone.qcow2", BASE, GIB);

        volumes.delete(POOL, "volt-gone.qcow2");
        volumes.delete(POOL, "volt-gone.qcow2");
        volumes.delete("volt-no-such-pool", "volt-gone.qcow2");

        assertThat(volumes.exists(POOL, "volt-gone.qcow2")).isFalse();
        assertThat(volumes.names(POOL)).contains(BASE).doesNotContain("volt-gone.qcow2");
    }

    @Test
    void a_pool_that_does_not_exist_is_a_not_found_error_naming_it() {
        assertThatThrownBy(() -> volumes.exists("volt-no-such-pool", BASE))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.NOT_FOUND))
                .hasMessageContaining("volume '" + BASE + "' in pool 'volt-no-such-pool' on test:///default");
    }

    @Test
    void the_path_of_a_volume_is_where_the_pool_keeps_it_and_a_missing_volume_has_none() {
        assertThat(volumes.path(POOL, BASE)).isEqualTo("/default-pool/" + BASE);

        assertThatThrownBy(() -> volumes.path(POOL, "volt-nothing.qcow2"))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.NOT_FOUND));
    }

    @Test
    void a_volume_name_that_is_not_libvirt_safe_is_refused_with_the_name_quoted() {
        assertThatThrownBy(() -> volumes.createOverlay(POOL, "../../etc/passwd", BASE, GIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume name '../../etc/passwd' is not a libvirt-safe name");
    }

    @Test
    void an_upload_to_a_host_whose_driver_cannot_receive_one_is_unsupported_and_leaves_no_volume(
            @TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("image.raw"), new byte[4096]);

        assertThatThrownBy(() -> volumes.upload(POOL, "volt-upload.raw", image, "raw"))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.UNSUPPORTED))
                .hasMessageContaining("volume 'volt-upload.raw' in pool 'default-pool' on test:///default");

        assertThat(volumes.exists(POOL, "volt-upload.raw")).isFalse();
    }

    @Test
    void an_upload_of_a_file_that_is_not_in_the_declared_format_is_refused_before_anything_is_made(
            @TempDir Path dir) throws Exception {
        byte[] qcow2 = new byte[4096];
        System.arraycopy(new byte[] {'Q', 'F', 'I', (byte) 0xfb}, 0, qcow2, 0, 4);
        Path image = Files.write(dir.resolve("image.qcow2"), qcow2);

        assertThatThrownBy(() -> volumes.upload(POOL, "volt-upload.img", image, "raw"))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.REFUSED))
                .hasMessageContaining("the file is qcow2, not raw");

        assertThat(volumes.exists(POOL, "volt-upload.img")).isFalse();
    }

    @Test
    void an_upload_of_a_missing_or_empty_file_or_in_an_unknown_format_is_refused_with_the_value_quoted(
            @TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.raw"));

        assertThatThrownBy(() -> volumes.upload(POOL, "volt-u.raw", dir.resolve("none.raw"), "raw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none.raw' of volume 'volt-u.raw' is not a readable regular file");
        assertThatThrownBy(() -> volumes.upload(POOL, "volt-u.raw", empty, "raw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.raw' of volume 'volt-u.raw' is empty");
        assertThatThrownBy(() -> volumes.upload(POOL, "volt-u.raw", empty, "vmdk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format of volume 'volt-u.raw' 'vmdk' is not one of iso, qcow2, raw");
    }
}
