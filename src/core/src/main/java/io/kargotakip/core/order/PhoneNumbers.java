package io.kargotakip.core.order;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phone numbers as merchants have them ({@code 05321234567}, {@code 5321234567}, {@code +90 532 123 45 67},
 * {@code 0090 532 123 4567}, {@code (0532) 123-45-67}) to E.164 ({@code +905321234567}), with libphonenumber.
 * A number without a country code is read in the default region ({@code TR} unless configured). Only invalid
 * numbers are refused: a landline is a valid contact even where SMS cannot reach it, and the channel decides.
 */
public final class PhoneNumbers {

    public static final String DEFAULT_REGION = "TR";
    /** libphonenumber reads letters as keypad digits (0800-FLOWERS); in an order a letter means a wrong field. */
    private static final Pattern LETTERS = Pattern.compile("\\p{L}");

    /** What a number came to: its E.164 form, or why it is not a number. */
    public sealed interface Result {
        record Valid(String e164) implements Result {
        }

        record Invalid(String reason) implements Result {
        }
    }

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String region;

    /** @throws IllegalArgumentException when {@code region} is not a region libphonenumber knows */
    public PhoneNumbers(String region) {
        String r = region == null || region.isBlank() ? DEFAULT_REGION : region.trim().toUpperCase(Locale.ROOT);
        if (!util.getSupportedRegions().contains(r)) {
            throw new IllegalArgumentException("phone region '" + region + "' is not an ISO 3166 region code such as TR");
        }
        this.region = r;
    }

    public static PhoneNumbers turkey() {
        return new PhoneNumbers(DEFAULT_REGION);
    }

    public String region() {
        return region;
    }

    public Result normalize(String raw) {
        if (raw == null || raw.isBlank() || LETTERS.matcher(raw).find()) {
            return new Result.Invalid("is not a phone number");
        }
        PhoneNumber number;
        try {
            number = util.parse(raw.trim(), region);
        } catch (NumberParseException e) {
            return new Result.Invalid(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "has an unknown country code";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "is too short for a phone number";
                case TOO_LONG -> "is too long for a phone number";
                case NOT_A_NUMBER -> "is not a phone number";
            });
        }
        return switch (util.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> new Result.Invalid("is too short for a phone number");
            case TOO_LONG -> new Result.Invalid("is too long for a phone number");
            case INVALID_COUNTRY_CODE -> new Result.Invalid("has an unknown country code");
            case INVALID_LENGTH -> new Result.Invalid("has the wrong number of digits");
            case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY -> util.isValidNumber(number)
                    ? new Result.Valid(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : new Result.Invalid("is not a valid number in " + util.getRegionCodeForCountryCode(number.getCountryCode()));
        };
    }
}
