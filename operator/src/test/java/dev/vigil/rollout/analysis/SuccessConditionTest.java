package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuccessConditionTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "result < 0.05          ; 0.04  ; true",
                "result < 0.05          ; 0.05  ; false",
                "result <= 0.05         ; 0.05  ; true",
                "result > 1             ; 2     ; true",
                "result >= 1e3          ; 999   ; false",
                "result == 1            ; 1     ; true",
                "result != 1            ; 0     ; true",
                "0.5 >= result          ; 0.5   ; true",
                "2 < result             ; 1     ; false",
                "result > -1.5          ; -1    ; true",
                "result<0.1&&result>0   ; 0.05  ; true",
                "result<0.1&&result>0   ; 0     ; false",
                "result < 0 || result > 10 ; 11 ; true",
                "(result < 0 || result > 10) && result != 11 ; 11 ; false",
                "isNaN(result) || result < 1 ; NaN ; true",
                "result < 1             ; NaN   ; false",
                "result != 1            ; NaN   ; false",
                "result > 100           ; Infinity ; true",
            })
    void testsTheResult(String condition, double result, boolean holds) {
        assertThat(SuccessCondition.parse(condition).test(result)).isEqualTo(holds);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "''                     ; is empty",
                "result                 ; ends where a comparison",
                "result < 1 2           ; unexpected '2' after a complete condition",
                "result < result        ; must compare result with a number",
                "1 < 2                  ; must compare result with a number",
                "value < 1              ; must compare result with a number",
                "result => 1            ; unexpected character '='",
                "result < 1 & result > 0 ; unexpected character '&'",
                "(result < 1            ; expected ')'",
                "isNaN(1)               ; write isNaN(result)",
                "result < abc           ; 'abc' is not 'result' or a number",
                "result < NaN           ; 'NaN' is not 'result' or a number",
            })
    void refusesWhatItCannotRead(String condition, String problem) {
        assertThatThrownBy(() -> SuccessCondition.parse(condition))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
