package org.udre.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the image versions that meet {@link ImageRequirements} and ranks them.
 *
 * <p>A version matches when it is not withdrawn and meets every requirement: its name, OS family and distribution
 * equal the required ones, its OS version is in the required range, each required application is installed (name
 * compared without regard to case) in a version of its range, its default cores, memory and disk are at least the
 * minimums, and it carries every required tag.
 *
 * <p>"Best first" means, in this order:
 * <ol>
 * <li>newest versions of the required applications, compared in the order the requirements list them;</li>
 * <li>least resources beyond the requirement: fewest default cores, then least memory, then smallest disk;</li>
 * <li>newest image version;</li>
 * <li>image name, alphabetically, so that the order is always the same.</li>
 * </ol>
 */
public final class ImageSearch {

    private static final Version LOWEST = Version.parse("0");

    private ImageSearch() {
    }

    /**
     * @param versions the versions to consider, withdrawn ones included when an explanation is wanted
     * @param explain  whether to give, for each version that does not match, every reason it does not
     */
    public static SearchResult search(ImageRequirements requirements, List<ImageVersion> versions, boolean explain) {
        List<Image> matches = new ArrayList<>();
        List<SearchResult.Rejection> rejections = new ArrayList<>();
        for (ImageVersion version : versions) {
            List<String> reasons = explain ? reasons(requirements, version) : List.of();
            boolean matched = explain ? reasons.isEmpty() : !version.withdrawn() && meets(requirements, version.image());
            if (matched) {
                matches.add(version.image());
            } else if (explain) {
                rejections.add(new SearchResult.Rejection(version.ref(), reasons));
            }
        }
        matches.sort(best(requirements));
        rejections.sort(Comparator.comparing(SearchResult.Rejection::ref));
        return new SearchResult(matches, rejections);
    }

    /** Every reason the version does not meet the requirements; empty when it does. */
    static List<String> reasons(ImageRequirements requirements, ImageVersion version) {
        List<String> reasons = new ArrayList<>();
        version.withdrawnAs().ifPresent(w -> reasons.add("withdrawn at " + w.at() + ": " + w.reason()));
        reasons.addAll(reasons(requirements, version.image()));
        return reasons;
    }

    static boolean meets(ImageRequirements requirements, Image image) {
        return reasons(requirements, image).isEmpty();
    }

    static List<String> reasons(ImageRequirements required, Image image) {
        List<String> reasons = new ArrayList<>();
        if (required.name() != null && !required.name().equals(image.name())) {
            reasons.add("name is \"" + image.name() + "\", not \"" + required.name() + "\"");
        }
        ImageRequirements.Os os = required.os();
        if (os != null) {
            if (os.family() != null && !os.family().equals(image.os().family())) {
                reasons.add("os family is \"" + image.os().family() + "\", not \"" + os.family() + "\"");
            }
            if (os.distribution() != null && !os.distribution().equals(image.os().distribution())) {
                reasons.add("os distribution is \"" + image.os().distribution() + "\", not \"" + os.distribution() + "\"");
            }
            if (!os.version().includes(image.os().version())) {
                reasons.add("os version " + image.os().version() + " is not in " + os.version()
                        + notAVersion(image.os().version()));
            }
        }
        for (ImageRequirements.Application application : required.applications()) {
            List<Image.Application> installed = installed(image, application.name());
            if (installed.isEmpty()) {
                reasons.add("application \"" + application.name() + "\" is not installed");
            } else if (!hasApplication(image, application)) {
                reasons.add("application \"" + application.name() + "\" " + String.join(" and ", installed.stream()
                        .map(a -> a.version() + notAVersion(a.version())).toList()) + " is not in " + application.version());
            }
        }
        Image.Resources resources = image.resources();
        if (required.minCores() != null && resources.cores() < required.minCores()) {
            reasons.add("cores: " + resources.cores() + ", fewer than the " + required.minCores() + " required");
        }
        if (required.minMemoryMiB() != null && resources.memoryMiB() < required.minMemoryMiB()) {
            reasons.add("memoryMiB: " + resources.memoryMiB() + ", less than the " + required.minMemoryMiB() + " required");
        }
        if (required.minDiskGiB() != null && resources.diskGiB() < required.minDiskGiB()) {
            reasons.add("diskGiB: " + resources.diskGiB() + ", less than the " + required.minDiskGiB() + " required");
        }
        for (String tag : required.tags()) {
            if (!image.tags().contains(tag)) {
                reasons.add("tag \"" + tag + "\" is missing");
            }
        }
        return reasons;
    }

    private static String notAVersion(String text) {
        return Version.isVersion(text) ? "" : " (not a version that can be compared)";
    }

    private static List<Image.Application> installed(Image image, String name) {
        return image.applications().stream()
                .filter(a -> a.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
    }

    /** Whether some installed version of the application is in its range (any version, when no range is given). */
    private static boolean hasApplication(Image image, ImageRequirements.Application application) {
        return installed(image, application.name()).stream().anyMatch(a -> application.version().includes(a.version()));
    }

    /** For ranking: the newest installed version in range; one that cannot be compared ranks below all others. */
    private static Version newestInstalled(Image image, ImageRequirements.Application application) {
        return installed(image, application.name()).stream()
                .map(Image.Application::version)
                .filter(version -> Version.isVersion(version) && application.version().includes(version))
                .map(Version::parse)
                .max(Version::compareRelease)
                .orElse(LOWEST);
    }

    /** Best first, as the class comment says. */
    static Comparator<Image> best(ImageRequirements requirements) {
        Comparator<Image> order = (left, right) -> 0;
        for (ImageRequirements.Application application : requirements.applications()) {
            order = order.thenComparing((Image left, Image right) ->
                    newestInstalled(right, application).compareRelease(newestInstalled(left, application)));
        }
        return order
                .thenComparingInt((Image image) -> image.resources().cores())
                .thenComparingInt(image -> image.resources().memoryMiB())
                .thenComparingInt(image -> image.resources().diskGiB())
                .thenComparing((Image left, Image right) -> Version.parse(right.version()).compareTo(Version.parse(left.version())))
                .thenComparing(Image::name);
    }
}
