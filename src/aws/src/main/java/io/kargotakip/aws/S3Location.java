package io.kargotakip.aws;

import java.util.regex.Pattern;

/**
 * An S3 object or folder as operators write it, {@code s3://bucket/key} or {@code s3://bucket/prefix/}.
 *
 * @param key the object's key, or the prefix ({@code ""} for the whole bucket)
 */
public record S3Location(String bucket, String key) {

    // S3's bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /**
     * @param setting the setting's name, for the error
     * @param folder  a prefix is wanted (it may be empty or end in {@code /}); else an object's key
     * @throws IllegalArgumentException naming the setting and the form expected
     */
    public static S3Location parse(String setting, String value, boolean folder) {
        String expected = folder ? "s3://bucket/prefix/" : "s3://bucket/key";
        String v = value == null ? "" : value.trim();
        if (!v.startsWith("s3://")) {
            throw new IllegalArgumentException(setting + ": \"" + v + "\" is not " + expected);
        }
        String rest = v.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException(setting + ": \"" + bucket + "\" is not an S3 bucket name (in " + expected + ")");
        }
        if (!folder && (key.isEmpty() || key.endsWith("/"))) {
            throw new IllegalArgumentException(setting + ": \"" + v + "\" names no object; expected " + expected);
        }
        if (folder && !key.isEmpty() && !key.endsWith("/")) {
            key = key + "/";
        }
        return new S3Location(bucket, key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
