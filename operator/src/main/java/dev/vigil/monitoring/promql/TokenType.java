package dev.vigil.monitoring.promql;

/** The kinds of token the PromQL lexer produces, mirroring the Prometheus lexer's item types. */
enum TokenType {
    EOF("end of input"),
    /** A lexical error; the token's text is the message. */
    ERROR("error"),
    COMMA("\",\""),
    COLON("\":\""),
    LEFT_PAREN("\"(\""),
    RIGHT_PAREN("\")\""),
    LEFT_BRACE("\"{\""),
    RIGHT_BRACE("\"}\""),
    LEFT_BRACKET("\"[\""),
    RIGHT_BRACKET("\"]\""),
    EQL("\"=\""),
    EQL_REGEX("\"=~\""),
    NEQ_REGEX("\"!~\""),
    AT("\"@\""),
    NUMBER("number"),
    DURATION("duration"),
    STRING("string"),
    IDENTIFIER("identifier"),
    METRIC_IDENTIFIER("metric identifier"),
    // Binary operators.
    ADD("\"+\""),
    SUB("\"-\""),
    MUL("\"*\""),
    DIV("\"/\""),
    MOD("\"%\""),
    POW("\"^\""),
    EQLC("\"==\""),
    NEQ("\"!=\""),
    LSS("\"<\""),
    LTE("\"<=\""),
    GTR("\">\""),
    GTE("\">=\""),
    LAND("\"and\""),
    LOR("\"or\""),
    LUNLESS("\"unless\""),
    ATAN2("\"atan2\""),
    // Aggregation operators.
    AVG("\"avg\""),
    BOTTOMK("\"bottomk\""),
    COUNT("\"count\""),
    COUNT_VALUES("\"count_values\""),
    GROUP("\"group\""),
    MAX("\"max\""),
    MIN("\"min\""),
    QUANTILE("\"quantile\""),
    STDDEV("\"stddev\""),
    STDVAR("\"stdvar\""),
    SUM("\"sum\""),
    TOPK("\"topk\""),
    // Keywords.
    BOOL("\"bool\""),
    BY("\"by\""),
    GROUP_LEFT("\"group_left\""),
    GROUP_RIGHT("\"group_right\""),
    IGNORING("\"ignoring\""),
    OFFSET("\"offset\""),
    ON("\"on\""),
    WITHOUT("\"without\""),
    START("\"start\""),
    END("\"end\"");

    private final String description;

    TokenType(String description) {
        this.description = description;
    }

    /** How error messages name this kind of token. */
    String description() {
        return description;
    }

    boolean isAggregator() {
        return compareTo(AVG) >= 0 && compareTo(TOPK) <= 0;
    }

    /** True for the aggregators that take a parameter before the vector. */
    boolean isAggregatorWithParam() {
        return this == TOPK || this == BOTTOMK || this == COUNT_VALUES || this == QUANTILE;
    }

    boolean isComparison() {
        return compareTo(EQLC) >= 0 && compareTo(GTE) <= 0;
    }

    boolean isSetOperator() {
        return this == LAND || this == LOR || this == LUNLESS;
    }

    /**
     * The binding strength of this token as a binary operator (higher binds tighter), or -1 when it
     * is not one.
     */
    int binaryPrecedence() {
        return switch (this) {
            case LOR -> 1;
            case LAND, LUNLESS -> 2;
            case EQLC, NEQ, LSS, LTE, GTR, GTE -> 3;
            case ADD, SUB -> 4;
            case MUL, DIV, MOD, ATAN2 -> 5;
            case POW -> 6;
            default -> -1;
        };
    }

    /** Keywords that may also name a metric when they do not start their own construct. */
    boolean canNameMetric() {
        return isAggregator()
                || switch (this) {
                    case IDENTIFIER,
                            METRIC_IDENTIFIER,
                            BY,
                            WITHOUT,
                            OFFSET,
                            LAND,
                            LOR,
                            LUNLESS,
                            START,
                            END ->
                            true;
                    default -> false;
                };
    }

    /** Tokens that may stand for a label name in by/without/on/ignoring/group_x lists. */
    boolean canNameLabel() {
        return isAggregator()
                || switch (this) {
                    case IDENTIFIER,
                            METRIC_IDENTIFIER,
                            BOOL,
                            BY,
                            GROUP_LEFT,
                            GROUP_RIGHT,
                            IGNORING,
                            LAND,
                            LOR,
                            LUNLESS,
                            OFFSET,
                            ON,
                            WITHOUT,
                            START,
                            END,
                            ATAN2 ->
                            true;
                    default -> false;
                };
    }
}
