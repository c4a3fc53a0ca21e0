package io.kargotakip.aws.templates;

import io.kargotakip.aws.S3Location;
import io.kargotakip.core.template.TemplateCatalog;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The merchant's template overrides kept in S3 ({@code KARGO_TEMPLATES_S3=s3://bucket/prefix/}, laid out as the override
 * folder is: {@code <channel>/<locale>/<kind>.<part>}): at start-up the objects under the prefix are copied into a
 * temporary folder, which becomes the catalog's override folder once the check passes (else the start stops, with the
 * check's lines). Every {@code refreshEvery} the prefix is listed again; when a key or an ETag changed the set is copied
 * anew and checked, and only a set that passes replaces the one in use (a failing one is logged as an operations alert,
 * once per set, and the previous set stays).
 */
public final class S3TemplateOverrides implements Supplier<TemplateCatalog> {

    private static final Logger LOG = Logger.getLogger(S3TemplateOverrides.class);

    private final S3Client s3;
    private final S3Location prefix;
    private final Duration refreshEvery;
    private final Clock clock;
    private final Function<TemplateCatalog, List<String>> check;
    private volatile TemplateCatalog current;
    private volatile Path folder;
    private Path retired;
    private volatile String listing;
    private volatile String refusedListing;
    private volatile Instant checkedAt;

    /**
     * @param check the problems of a catalog (the sender's {@code TemplateCheck} over its channels and kinds), empty when usable
     * @throws IllegalStateException when the prefix cannot be read or its templates fail the check (one line per problem)
     */
    public S3TemplateOverrides(S3Client s3, S3Location prefix, Duration refreshEvery, Clock clock, Function<TemplateCatalog, List<String>> check) {
        this.s3 = Objects.requireNonNull(s3);
        this.prefix = Objects.requireNonNull(prefix);
        this.refreshEvery = refreshEvery;
        this.clock = clock;
        this.check = check;
        List<S3Object> objects;
        try {
            objects = list();
        } catch (SdkException e) {
            throw new IllegalStateException("the templates in " + prefix + " cannot be read: " + oneLine(e));
        }
        Path copied = copy(objects);
        TemplateCatalog catalog = new TemplateCatalog(copied);
        List<String> problems = problems(catalog, copied);
        if (!problems.isEmpty()) {
            delete(copied);
            throw new IllegalStateException("the templates in " + prefix + " cannot be used:\n" + String.join("\n", problems));
        }
        this.current = catalog;
        this.folder = copied;
        this.listing = signature(objects);
        this.checkedAt = clock.instant();
        LOG.infof("templates loaded from %s: %d files", prefix, objects.size());
    }

    /** The catalog in use; looks for a changed set first when the last look is {@code refreshEvery} old. */
    @Override
    public TemplateCatalog get() {
        if (!clock.instant().isBefore(checkedAt.plus(refreshEvery))) {
            refresh(clock.instant());
        }
        return current;
    }

    /** Where the set in use was copied to (the catalog's override folder). */
    public Path folder() {
        return folder;
    }

    synchronized void refresh(Instant now) {
        if (now.isBefore(checkedAt.plus(refreshEvery))) {
            return; // another thread just looked
        }
        checkedAt = now;
        List<S3Object> objects;
        String next;
        Path copied;
        try {
            objects = list();
            next = signature(objects);
            if (next.equals(listing) || next.equals(refusedListing)) {
                return;
            }
            copied = copy(objects);
        } catch (SdkException | UncheckedIOException | IllegalStateException e) {
            // S3 is out of reach for a moment: the templates in use go on; the next look tries again
            LOG.warnf("templates in %s cannot be read (%s); the set in use stays", prefix, e instanceof SdkException s ? oneLine(s) : e.getMessage());
            return;
        }
        TemplateCatalog catalog = new TemplateCatalog(copied);
        List<String> problems = problems(catalog, copied);
        if (!problems.isEmpty()) {
            delete(copied);
            refusedListing = next;
            LOG.errorf("operations alert: the templates in %s were changed and fail the check, the previous set stays in use: %s", prefix,
                    String.join(" | ", problems));
            return;
        }
        Path previous = folder;
        current = catalog;
        folder = copied;
        listing = next;
        refusedListing = null;
        LOG.infof("templates reloaded from %s: %d files", prefix, objects.size());
        // a message rendering now may still read the previous folder: it is deleted at the next swap, not now
        delete(retired);
        retired = previous;
    }

    /** The check's lines, naming the S3 object rather than its copy ({@code s3://bucket/prefix/sms/tr/shipped.txt:1: …}). */
    private List<String> problems(TemplateCatalog catalog, Path copied) {
        return check.apply(catalog).stream().map(p -> p.replace(copied + java.io.File.separator, prefix.toString())).toList();
    }

    private List<S3Object> list() {
        return s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key())).contents().stream()
                .filter(o -> !o.key().endsWith("/")) // the console's "folder" markers
                .sorted(Comparator.comparing(S3Object::key)).toList();
    }

    /** What tells one set from another: each key with its ETag. */
    private static String signature(List<S3Object> objects) {
        return objects.stream().map(o -> o.key() + "=" + o.eTag()).collect(Collectors.joining("\n"));
    }

    private Path copy(List<S3Object> objects) {
        Path into;
        try {
            into = Files.createTempDirectory("kargo-templates");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (S3Object o : objects) {
            String relative = o.key().substring(prefix.key().length());
            Path target = into.resolve(relative).normalize();
            // a key such as "../x" stays out of the folder
            if (!target.startsWith(into) || relative.isEmpty()) {
                LOG.warnf("template %s skipped: not a path under %s", o.key(), prefix);
                continue;
            }
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, s3.getObjectAsBytes(b -> b.bucket(prefix.bucket()).key(o.key()).checksumMode(ChecksumMode.ENABLED)).asByteArray());
            } catch (IOException e) {
                delete(into);
                throw new UncheckedIOException(e);
            } catch (SdkException e) {
                delete(into);
                throw e;
            }
        }
        return into;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private static String oneLine(SdkException e) {
        String m = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorCode() != null ? s.awsErrorDetails().errorCode() + " (HTTP " + s.statusCode() + ")" : String.valueOf(e.getMessage());
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
