package io.kargotakip.aws.rules;

import io.kargotakip.core.rules.RuleEngine;
import io.kargotakip.core.rules.RuleSet;
import io.kargotakip.core.rules.RulesException;
import io.kargotakip.core.rules.RulesLoader;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The brand's rules in force: loaded whole from their source at start-up (an invalid file stops the start, with its
 * errors), then looked at again every {@code reloadEvery} without a deploy. A new version that is invalid is not
 * loaded, not even in part: the last valid one stays in force and operations are told, once per bad version.
 */
public final class RuleBook implements Supplier<RuleEngine> {

    private static final Logger LOG = Logger.getLogger(RuleBook.class);

    private final RulesSource source;
    private final Duration reloadEvery;
    private final Clock clock;
    private final Consumer<String> alertOperations;
    private volatile RuleEngine current;
    private volatile String version;
    private volatile String rejectedVersion;
    private volatile Instant checkedAt;

    /**
     * @param alertOperations told, in one line per error, when a new version is refused
     * @throws IllegalStateException when the source cannot be read or its rules are invalid at start-up (one line per error)
     */
    public RuleBook(RulesSource source, Duration reloadEvery, Clock clock, Consumer<String> alertOperations) {
        this.source = Objects.requireNonNull(source);
        this.reloadEvery = reloadEvery;
        this.clock = clock;
        this.alertOperations = alertOperations;
        RulesSource.Version first;
        try {
            first = source.fetch(null).orElseThrow(() -> new IllegalStateException("rules source " + source.name() + " is empty"));
        } catch (RulesSource.Unreadable e) {
            throw new IllegalStateException("rules source " + source.name() + " cannot be read: " + e.getMessage(), e);
        }
        try {
            this.current = new RuleEngine(RulesLoader.parse(source.fileName(), first.text()));
        } catch (RulesException e) {
            throw new IllegalStateException("the rules in " + source.name() + " are invalid:\n" + String.join("\n", e.errors()), e);
        }
        this.version = first.version();
        this.checkedAt = clock.instant();
        LOG.infof("rules %s loaded from %s: %d rules", version, source.name(), current.rules().rules().size());
    }

    /** The packaged default rules, never reloaded. */
    public static RuleBook defaults() {
        return new RuleBook(RulesSource.packaged(), Duration.ofDays(36500), Clock.systemUTC(), line -> { });
    }

    /** The rules in force; looks for a new version first when the last look is {@code reloadEvery} old. */
    @Override
    public RuleEngine get() {
        Instant now = clock.instant();
        if (!now.isBefore(checkedAt.plus(reloadEvery))) {
            reload(now);
        }
        return current;
    }

    public RuleSet rules() {
        return current.rules();
    }

    /** The version in force (a file's modification time, an S3 ETag, an SSM parameter version). */
    public String version() {
        return version;
    }

    synchronized void reload(Instant now) {
        if (now.isBefore(checkedAt.plus(reloadEvery))) {
            return; // another thread just looked
        }
        checkedAt = now;
        Optional<RulesSource.Version> next;
        try {
            next = source.fetch(version);
        } catch (RulesSource.Unreadable e) {
            // the source is down for a moment: the rules in force go on; the next look tries again
            LOG.warnf("rules source %s cannot be read (%s); rules %s stay in force", source.name(), e.getMessage(), version);
            return;
        }
        if (next.isEmpty() || next.get().version().equals(version) || next.get().version().equals(rejectedVersion)) {
            return;
        }
        try {
            RuleEngine engine = new RuleEngine(RulesLoader.parse(source.fileName(), next.get().text()));
            current = engine;
            LOG.infof("rules %s loaded from %s (were %s): %d rules", next.get().version(), source.name(), version,
                    engine.rules().rules().size());
            version = next.get().version();
            rejectedVersion = null;
        } catch (RulesException e) {
            rejectedVersion = next.get().version();
            List<String> errors = e.errors();
            LOG.errorf("operations alert: rules version %s from %s refused, %s stays in force: %s", rejectedVersion, source.name(),
                    version, String.join(" | ", errors));
            alertOperations.accept("Kargo Takip: the new rules in " + source.name() + " are invalid and were not loaded; version "
                    + version + " stays in force.\n" + String.join("\n", errors));
        }
    }
}
