package io.kargotakip.aws.rules;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.util.Objects;
import java.util.Optional;

/**
 * The rules file as an SSM Parameter Store parameter ({@code KARGO_RULES_SOURCE=ssm:/param/name}), a String or a
 * SecureString (read decrypted): its version is the parameter's version, which every {@code put-parameter} raises.
 */
final class SsmRulesSource implements RulesSource {

    private final SsmClient ssm;
    private final String parameter;

    SsmRulesSource(SsmClient ssm, String parameter) {
        this.ssm = Objects.requireNonNull(ssm);
        this.parameter = Objects.requireNonNull(parameter);
    }

    @Override
    public String name() {
        return "ssm:" + parameter;
    }

    /** Errors name the parameter as the file: {@code /kargo/rules:7: rules[1].when.status: …}. */
    @Override
    public String fileName() {
        return parameter;
    }

    @Override
    public Optional<Version> fetch(String knownVersion) throws Unreadable {
        try {
            // GetParameter has no conditional form; it is one small call per reload interval
            Parameter p = ssm.getParameter(b -> b.name(parameter).withDecryption(true)).parameter();
            String version = String.valueOf(p.version());
            return version.equals(knownVersion) ? Optional.empty() : Optional.of(new Version(version, p.value()));
        } catch (SdkException e) {
            throw new Unreadable(name() + ": " + AwsFailures.describe(e, "ssm:GetParameter"), e);
        }
    }
}
