package dev.vigil.validation;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The CRD schemas' {@code pattern}s matched with RE2 (re2j), the syntax and semantics of Go's
 * regexp, which the API server uses. The JDK's engine, json-schema-validator's default, recurses
 * once per repetition of a group, so a long value (70,000 characters of {@code 10s}) overflowed the
 * stack; RE2 runs in time linear in the value, without recursion.
 */
final class Re2RegularExpressions implements RegularExpressionFactory {

    static final Re2RegularExpressions INSTANCE = new Re2RegularExpressions();

    private Re2RegularExpressions() {}

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        // JSON Schema patterns are not anchored: a match anywhere in the value counts.
        return value -> pattern.matcher(value).find();
    }
}
