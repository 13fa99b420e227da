package dev.sluice.internal.shedding;

import com.netflix.concurrency.limits.limit.VegasLimit;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveConcurrencyLimitTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void vegasBacksOffOnDropsButNotBelowTheConfiguredMinimum() {
        AdaptiveConcurrencyLimit vegas = AdaptiveConcurrencyLimit.vegas(20, 5, 50);
        VegasLimit withoutFloor = VegasLimit.newBuilder().initialLimit(20).maxConcurrency(50).build();
        assertThat(vegas.current()).isEqualTo(20);

        for (int i = 0; i < 500; i++) {
            vegas.onSample(i * 10 * MS, 10 * MS, vegas.current(), true);
            withoutFloor.onSample(i * 10 * MS, 10 * MS, withoutFloor.getLimit(), true);
        }

        assertThat(vegas.current()).isEqualTo(5);
        assertThat(withoutFloor.getLimit()).as("NCL's Vegas alone").isLessThan(5);
    }

    @Test
    void vegasGrowsWhileLatencyStaysAtItsMinimumButNotAboveTheMaximum() {
        AdaptiveConcurrencyLimit vegas = AdaptiveConcurrencyLimit.vegas(20, 5, 50);

        for (int i = 0; i < 500; i++) {
            vegas.onSample(i * 10 * MS, 10 * MS, vegas.current(), false);
        }

        assertThat(vegas.current()).isEqualTo(50);
    }
}
