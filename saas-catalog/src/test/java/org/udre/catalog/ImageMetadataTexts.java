package org.udre.catalog;

/** Metadata documents for tests: one valid image, and ways to spoil it. */
final class ImageMetadataTexts {

    static final String VALID = """
            name: udre-guest
            version: "1.0"
            description: A small guest.
            os:
              family: linux
              distribution: debian
              version: "12"
            applications:
              - name: bash
                version: "5.2"
              - name: busybox
                version: "1.35"
            resources:
              cores: 1
              memoryMiB: 256
              diskGiB: 1
            disk:
              volume: udre-guest-1.0.qcow2
              format: qcow2
            tsi:
              port: 4433
              minimumVersion: "10.4.0"
              user: nobody
              workspace: /var/lib/udre/jobs
              readyWithin: PT60S
            tags: [demo]
            """;

    private ImageMetadataTexts() {
    }

    /** The valid document with one exact piece of text replaced; fails loudly when the piece is not there once. */
    static String validWith(String replaced, String replacement) {
        int at = VALID.indexOf(replaced);
        if (at < 0 || VALID.indexOf(replaced, at + 1) >= 0) {
            throw new IllegalArgumentException("\"" + replaced + "\" is not in the valid document exactly once");
        }
        return VALID.substring(0, at) + replacement + VALID.substring(at + replaced.length());
    }

    /** A valid JSON document for the given name:version. */
    static String json(String name, String version) {
        return """
                {"name": "%s", "version": "%s", "description": "A small guest.",
                 "os": {"family": "linux", "distribution": "debian", "version": "12"},
                 "resources": {"cores": 1, "memoryMiB": 256, "diskGiB": 1},
                 "disk": {"volume": "udre-guest-1.0.qcow2", "format": "qcow2"},
                 "tsi": {"port": 4433, "minimumVersion": "10.4.0", "user": "nobody",
                         "workspace": "/var/lib/udre/jobs", "readyWithin": "PT60S"}}
                """.formatted(name, version);
    }

    /** A valid document for another name:version. */
    static String image(String name, String version) {
        return validWith("name: udre-guest\n", "name: " + name + "\n")
                .replace("version: \"1.0\"", "version: \"" + version + "\"");
    }
}
