package dev.sluice.client.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code sluice.client.*} value into Boot's start-up report, naming the property and where to read about it. */
final class InvalidClientPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidClientPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidClientPropertyException cause) {
        return new FailureAnalysis("Invalid Sluice client configuration: " + cause.getMessage(),
                "Correct " + cause.property() + " (see the \"Client\" section of Sluice's docs/configuration.md).", cause);
    }
}
