package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.udre.catalog.ImageMetadataTexts.VALID;
import static org.udre.catalog.ImageMetadataTexts.image;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class ImageStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final DataSource database = CatalogDatabase.migrated();
    private final ImageStore store = new ImageStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ImageCatalog catalog = ImageCatalog.of(store);

    private static MetadataSource source(String origin, String text) {
        return new MetadataSource(origin, text);
    }

    @Test
    void a_published_version_is_read_back_with_its_metadata_its_origin_and_when_it_was_published() {
        PublishResult result = store.publish(source("guest.yaml", VALID));

        assertThat(result.created()).isTrue();
        ImageVersion stored = store.version("udre-guest", "1.0").orElseThrow();
        assertThat(stored.image()).isEqualTo(ImageMetadataReader.read(source("guest.yaml", VALID)));
        assertThat(stored.origin()).isEqualTo("guest.yaml");
        assertThat(stored.publishedAt()).isEqualTo(NOW);
        assertThat(stored.withdrawn()).isFalse();
        assertThat(stored.metadata().at("/tsi/port").intValue()).isEqualTo(4433);
        assertThat(catalog.require("udre-guest:1.0")).isEqualTo(stored.image());
    }

    @Test
    void publishing_the_same_metadata_again_changes_nothing_even_spelt_as_json_with_keys_in_another_order() {
        store.publish(source("guest.yaml", image("alpha", "1.0")));
        String sameAsJson = """
                {"version": "1.0", "name": "alpha", "description": "A small guest.",
                 "tags": ["demo"],
                 "os": {"version": "12", "family": "linux", "distribution": "debian"},
                 "applications": [{"name": "bash", "version": "5.2"}, {"name": "busybox", "version": "1.35"}],
                 "resources": {"cores": 1, "memoryMiB": 256, "diskGiB": 1},
                 "disk": {"volume": "udre-guest-1.0.qcow2", "format": "qcow2"},
                 "tsi": {"port": 4433, "minimumVersion": "10.4.0", "user": "nobody",
                         "workspace": "/var/lib/udre/jobs", "readyWithin": "PT60S"}}
                """;

        PublishResult again = store.publish(source("http", sameAsJson));

        assertThat(again.created()).isFalse();
        assertThat(again.version().origin()).isEqualTo("guest.yaml");
        assertThat(CatalogDatabase.rowCounts(database)).containsEntry("catalog_image_version", 1);
    }

    @Test
    void other_metadata_for_a_published_version_is_refused_naming_every_difference_and_the_stored_one_stays() {
        store.publish(source("first.yaml", image("alpha", "1.0")));
        String changed = image("alpha", "1.0").replace("cores: 1", "cores: 2").replace("tags: [demo]\n", "")
                .replace("description: A small guest.", "description: A bigger guest.");

        var refused = catchThrowableOfType(ImageVersionConflictException.class,
                () -> store.publish(source("second.yaml", changed)));

        assertThat(refused.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.ref()).isEqualTo("alpha:1.0");
            assertThat(conflict.origin()).isEqualTo("second.yaml");
            assertThat(conflict.differences()).containsExactlyInAnyOrder(
                    "/description: published \"A small guest.\", given \"A bigger guest.\"",
                    "/resources/cores: published 1, given 2",
                    "/tags: published [\"demo\"], given nothing");
        });
        assertThat(refused).hasMessageStartingWith("published image versions are immutable; publish a new version instead");
        assertThat(catalog.require("alpha:1.0").resources().cores()).isEqualTo(1);
    }

    @Test
    void a_new_version_is_published_beside_the_old_one_and_the_name_alone_then_means_the_newest() {
        store.publish(source("a", image("alpha", "1.9")));
        store.publish(source("b", image("alpha", "1.10")));
        store.publish(source("c", image("alpha", "2.0-rc1")));

        assertThat(catalog.all()).extracting(Image::ref).containsExactly("alpha:1.9", "alpha:1.10", "alpha:2.0-rc1");
        assertThat(catalog.require("alpha").ref()).isEqualTo("alpha:2.0-rc1");
        assertThat(catalog.require("alpha:1.9").ref()).isEqualTo("alpha:1.9");
    }

    @Test
    void an_invalid_document_is_rejected_with_the_path_of_every_error_and_nothing_is_stored() {
        String invalid = VALID.replace("cores: 1", "cores: 0").replace("port: 4433", "port: 99999")
                .replace("format: qcow2", "format: vmdk");

        var rejected = catchThrowableOfType(InvalidImageMetadataException.class,
                () -> store.publish(source("bad.yaml", invalid)));

        assertThat(rejected.errors()).extracting(ValidationError::path)
                .containsExactlyInAnyOrder("/resources/cores", "/tsi/port", "/disk/format");
        assertThat(CatalogDatabase.rowCounts(database)).isEqualTo(CatalogDatabase.empty());
    }

    @Test
    void a_batch_in_which_one_image_conflicts_publishes_none_of_its_images() {
        store.publish(source("alpha.yaml", image("alpha", "1.0")));
        MetadataBatch batch = MetadataBatch.read(List.of(source("beta.yaml", image("beta", "1.0")),
                source("alpha-changed.yaml", image("alpha", "1.0").replace("memoryMiB: 256", "memoryMiB: 512")),
                source("gamma.yaml", image("gamma", "1.0"))));

        var refused = catchThrowableOfType(ImageVersionConflictException.class, () -> store.publishAll(batch));

        assertThat(refused.conflicts()).extracting(ImageVersionConflictException.Conflict::origin)
                .containsExactly("alpha-changed.yaml");
        assertThat(store.versions()).extracting(ImageVersion::ref).containsExactly("alpha:1.0");
    }

    @Test
    void a_batch_reports_for_each_image_whether_it_was_published_now_or_before() {
        store.publish(source("alpha.yaml", image("alpha", "1.0")));

        List<PublishResult> results = store.publishAll(MetadataBatch.read(List.of(
                source("beta.yaml", image("beta", "1.0")), source("alpha.yaml", image("alpha", "1.0")))));

        assertThat(results).extracting(r -> r.version().ref() + " " + r.created())
                .containsExactly("beta:1.0 true", "alpha:1.0 false");
    }

    @Test
    void a_withdrawn_version_is_no_longer_found_by_reference_or_listed_but_can_still_be_read() {
        store.publish(source("a", image("alpha", "1.0")));
        store.publish(source("b", image("alpha", "1.1")));

        ImageVersion withdrawn = store.withdraw("alpha", "1.1", "kernel bug; use 1.0");

        assertThat(withdrawn.withdrawnAs()).contains(new ImageVersion.Withdrawal(NOW, "kernel bug; use 1.0"));
        assertThat(catalog.require("alpha").ref()).isEqualTo("alpha:1.0");
        assertThat(catalog.all()).extracting(Image::ref).containsExactly("alpha:1.0");
        var unknown = catchThrowableOfType(UnknownImageException.class, () -> catalog.require("alpha:1.1"));
        assertThat(unknown.known()).containsExactly("alpha:1.0");
        assertThat(catalog.find("alpha", "1.1")).isPresent();
        assertThat(store.versions()).extracting(v -> v.ref() + " " + v.withdrawn())
                .containsExactly("alpha:1.0 false", "alpha:1.1 true");
    }

    @Test
    void withdrawing_twice_keeps_the_first_withdrawal_and_publishing_the_same_metadata_again_does_not_bring_it_back() {
        store.publish(source("a", image("alpha", "1.0")));
        store.withdraw("alpha", "1.0", "first reason");

        ImageVersion again = store.withdraw("alpha", "1.0", "second reason");
        PublishResult republished = store.publish(source("a", image("alpha", "1.0")));

        assertThat(again.withdrawal().reason()).isEqualTo("first reason");
        assertThat(republished.created()).isFalse();
        assertThat(republished.version().withdrawn()).isTrue();
        assertThat(catalog.all()).isEmpty();
    }

    @Test
    void withdrawing_a_version_that_was_never_published_names_what_exists() {
        store.publish(source("a", image("alpha", "1.0")));

        var unknown = catchThrowableOfType(UnknownImageException.class, () -> store.withdraw("alpha", "9.9", null));

        assertThat(unknown.ref()).isEqualTo("alpha:9.9");
        assertThat(unknown.known()).containsExactly("alpha:1.0");
    }

    @Test
    void the_direct_boot_section_is_stored_and_read_back() {
        String direct = image("alpha", "1.0") + """
                boot:
                  kernel: alpha-1.0-vmlinuz
                  initrd: alpha-1.0-initrd.gz
                  cmdline: console=ttyS0 quiet
                """;

        store.publish(source("direct.yaml", direct));

        Image image = catalog.require("alpha:1.0");
        assertThat(image.directBoot()).contains(new Image.Boot("alpha-1.0-vmlinuz", "alpha-1.0-initrd.gz",
                "console=ttyS0 quiet"));
        assertThat(image.volumes()).containsExactly("udre-guest-1.0.qcow2", "alpha-1.0-vmlinuz", "alpha-1.0-initrd.gz");
    }

    @Test
    void the_catalogue_migrates_with_a_history_table_of_its_own_and_a_second_migration_changes_nothing() {
        MigrateResult again = CatalogSchema.migrate(database);

        assertThat(again.migrationsExecuted).isZero();
        assertThat(CatalogDatabase.count(database, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE LOWER(TABLE_NAME) = '" + CatalogSchema.HISTORY_TABLE + "'")).isEqualTo(1);
        assertThat(CatalogDatabase.count(database, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE LOWER(TABLE_NAME) = 'flyway_schema_history'")).isZero();
    }
}
