package io.parley.auth.balance;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * LibreChat's balance settings ({@code balance} in librechat.yaml, else {@code CHECK_BALANCE} and
 * {@code START_BALANCE}; defaults of its {@code balanceSchema}), bound in application.yml. Amounts
 * are credits: 1 credit = 1e-6 USD.
 *
 * @param enabled             whether turns are checked against and charged to a balance
 * @param startBalance        credits of a new balance record
 * @param autoRefillEnabled   whether records get {@code refillAmount} once per interval when low
 * @param refillIntervalValue the interval, in {@code refillIntervalUnit}
 * @param refillIntervalUnit  seconds, minutes, hours, days, weeks or months
 * @param refillAmount        credits added by one refill
 */
@Validated
@ConfigurationProperties("parley.auth.balance")
public record BalanceProperties(@DefaultValue("false") boolean enabled,
                                @DefaultValue("20000") @Min(0) long startBalance,
                                @DefaultValue("false") boolean autoRefillEnabled,
                                @DefaultValue("30") @Min(1) int refillIntervalValue,
                                @DefaultValue("days") @NotNull RefillUnit refillIntervalUnit,
                                @DefaultValue("10000") @Min(0) long refillAmount) {
}
