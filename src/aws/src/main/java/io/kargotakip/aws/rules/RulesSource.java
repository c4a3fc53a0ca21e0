package io.kargotakip.aws.rules;

import io.kargotakip.core.rules.RulesLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a brand's rules file is read from: the package (the shipped defaults), a file ({@code KARGO_RULES_FILE}
 * locally), an S3 object or an SSM parameter on AWS. Each tells a version, so a look for a new one costs little.
 */
public interface RulesSource {

    /** A version of the file: what tells it from others (a time, an ETag, a parameter version) and its text. */
    record Version(String version, String text) {
    }

    /** The source could not be read now (a network error, no permission, the file gone). */
    final class Unreadable extends Exception {
        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How operators name it ({@code s3://bucket/rules.yaml}). */
    String name();

    /** The name errors give as the file's ({@code rules.yaml:7: …}). */
    default String fileName() {
        String name = name();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /**
     * @param knownVersion the version in force, null at start-up: a source may answer empty when it is unchanged
     * @return the current version, or empty when it is {@code knownVersion}
     */
    Optional<Version> fetch(String knownVersion) throws Unreadable;

    static RulesSource packaged() {
        return new RulesSource() {
            @Override
            public String name() {
                return "default-rules.yaml";
            }

            @Override
            public Optional<Version> fetch(String knownVersion) throws Unreadable {
                if ("packaged".equals(knownVersion)) {
                    return Optional.empty();
                }
                try (InputStream in = RulesSource.class.getClassLoader().getResourceAsStream(RulesLoader.DEFAULT_RULES_RESOURCE)) {
                    if (in == null) {
                        throw new Unreadable(RulesLoader.DEFAULT_RULES_RESOURCE + " is not in the package", null);
                    }
                    return Optional.of(new Version("packaged", new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new Unreadable(e.getMessage(), e);
                }
            }
        };
    }

    /** An S3 object ({@code s3://bucket/key}): its version is its ETag; an unchanged object costs a {@code 304}. */
    static RulesSource s3(software.amazon.awssdk.services.s3.S3Client s3, String bucket, String key) {
        return new S3RulesSource(s3, bucket, key);
    }

    /** An SSM parameter ({@code ssm:/param/name}), String or SecureString: its version is the parameter's version. */
    static RulesSource ssm(software.amazon.awssdk.services.ssm.SsmClient ssm, String parameter) {
        return new SsmRulesSource(ssm, parameter);
    }

    /** A local file ({@code KARGO_RULES_FILE}): its version is its modification time and size. */
    static RulesSource file(Path path) {
        return new RulesSource() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public String fileName() {
                return path.getFileName().toString();
            }

            @Override
            public Optional<Version> fetch(String knownVersion) throws Unreadable {
                try {
                    String stamp = Files.getLastModifiedTime(path).toMillis() + "-" + Files.size(path);
                    if (stamp.equals(knownVersion)) {
                        return Optional.empty();
                    }
                    return Optional.of(new Version(stamp, Files.readString(path, StandardCharsets.UTF_8)));
                } catch (NoSuchFileException e) {
                    throw new Unreadable("no file " + path, e);
                } catch (IOException e) {
                    throw new Unreadable(e.getMessage(), e);
                }
            }
        };
    }
}
