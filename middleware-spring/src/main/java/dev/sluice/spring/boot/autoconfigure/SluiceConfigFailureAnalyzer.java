package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.SluiceConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code sluice.*} value into a start-up report naming the property and what is allowed. */
class SluiceConfigFailureAnalyzer extends AbstractFailureAnalyzer<SluiceConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SluiceConfigException cause) {
        return new FailureAnalysis("Invalid Sluice configuration: " + cause.getMessage(),
                "Correct the property '" + cause.property() + "' (see Sluice's docs/configuration.md for the allowed values).", cause);
    }
}
