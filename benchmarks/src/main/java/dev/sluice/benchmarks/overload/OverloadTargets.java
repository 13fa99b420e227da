package dev.sluice.benchmarks.overload;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets of issue 16, read from one workload's rows and marked met or missed with their figures:
 * <ul>
 *   <li>0.5×: no refusal at all (no 503, no 429);</li>
 *   <li>1×: goodput at least 97 % of the unprotected app's ({@code none}) at 1×;</li>
 *   <li>2× to 8×: goodput at least 95 % of capacity, p99 of admitted (2xx) requests at most 2 × the unloaded p99,
 *       critical success at least 99.9 %;</li>
 *   <li>capacity step: after each step, p99 of admitted requests back within 2 × the unloaded p99 of the new
 *       service time in at most 5 s, read from the per-second timeline.</li>
 * </ul>
 * The unloaded p99 is {@code none}'s at the lowest load below 1× (the variant's own when {@code none} was not run;
 * none at all, and the p99 target unread, when no load below 1× was). In the
 * step workload it is read over the first third (50 ms), and the slow third's is that times 150 / 50: its 0.5×
 * is 1.5× the slow capacity, so it has no unloaded point of its own; queueing at equal utilisation scales with
 * the service time. The step workload's p99 over the whole window mixes both service times, so there the p99
 * target is read as the recovery instead; its goodput is against the capacity averaged over the window.
 */
final class OverloadTargets {

    static final double NO_SHEDDING_SHARE = 0.97;
    static final double GOODPUT_SHARE = 0.95;
    static final double P99_FACTOR = 2.0;
    static final double CRITICAL_PERCENT = 99.9;
    static final int RECOVERY_SECONDS = 5;

    private final Workload workload;
    private final List<OverloadExperiment.Row> rows;
    private final double capacity;

    OverloadTargets(Workload workload, List<OverloadExperiment.Row> rows, double capacity) {
        this.workload = workload;
        this.rows = rows;
        this.capacity = workload.averageCapacity(capacity);
    }

    /** The reference p99 for {@code variant}: the unloaded p99 of the first (fast) phase, ms. */
    double unloadedP99(Variant variant) {
        Variant reference = rows.stream().anyMatch(r -> r.variant() == Variant.NONE && r.multiple() < 1) ? Variant.NONE : variant;
        return lowest(reference).map(r -> workload == Workload.STEP
                ? r.report().okMillis(99, 0, thirds(r)[0])
                : r.report().okMillis(99)).orElse(Double.NaN);
    }

    /** The variant's lowest load below capacity, if it ran one: an overloaded point is no reference. */
    private Optional<OverloadExperiment.Row> lowest(Variant v) {
        return rows.stream().filter(r -> r.variant() == v && r.multiple() < 1).min((a, b) -> Double.compare(a.multiple(), b.multiple()));
    }

    private Optional<OverloadExperiment.Row> at(Variant v, double multiple) {
        return rows.stream().filter(r -> r.variant() == v && r.multiple() == multiple).findFirst();
    }

    private static int[] thirds(OverloadExperiment.Row r) {
        int seconds = r.report().secondsInWindow();
        return new int[] {seconds / 3, 2 * seconds / 3, seconds};
    }

    String noRefusal(Variant v) {
        return at(v, 0.5).map(r -> {
            long refused = r.report().status503() + r.report().status429();
            return mark(refused == 0, refused + " refused");
        }).orElse("–");
    }

    String closeToUnshedded(Variant v) {
        Optional<OverloadExperiment.Row> none = at(Variant.NONE, 1.0);
        return at(v, 1.0).map(r -> {
            if (none.isEmpty()) {
                return String.format(Locale.ROOT, "%.1f/s (no `none` row)", r.report().goodput());
            }
            double share = r.report().goodput() / none.get().report().goodput();
            return mark(share >= NO_SHEDDING_SHARE, String.format(Locale.ROOT, "%.1f %%", 100 * share));
        }).orElse("–");
    }

    /** Goodput, p99 and critical at one overload multiple, in one cell. */
    String overload(Variant v, double multiple) {
        double reference = unloadedP99(v);
        return at(v, multiple).map(r -> {
            LoadGenerator.Report p = r.report();
            double goodput = p.goodput() / capacity;
            String cell = "goodput " + mark(goodput >= GOODPUT_SHARE, String.format(Locale.ROOT, "%.1f %%", 100 * goodput));
            if (workload != Workload.STEP) {
                double ratio = p.okMillis(99) / reference;
                cell += " · p99 " + (Double.isNaN(reference) ? "– (no unloaded point)" : Double.isNaN(ratio) ? "✘ no 2xx"
                        : mark(ratio <= P99_FACTOR, String.format(Locale.ROOT, "%.2f×", ratio)));
            }
            double critical = 100 * p.criticalSuccess();
            cell += " · critical " + mark(critical >= CRITICAL_PERCENT, String.format(Locale.ROOT, "%.2f %%", critical));
            return cell;
        }).orElse("–");
    }

    /** Seconds after the slow-down and after the speed-up until p99 stays within 2 × the phase's unloaded p99. */
    String recovery(Variant v, double multiple) {
        double fast = unloadedP99(v);
        double slow = fast * Workload.STEP_SLOW_MS / Workload.POOL_MS;
        return at(v, multiple).map(r -> {
            int[] t = thirds(r);
            return "↓ " + recoveryCell(r.report(), t[0], t[1], P99_FACTOR * slow)
                    + " · ↑ " + recoveryCell(r.report(), t[1], t[2], P99_FACTOR * fast);
        }).orElse("–");
    }

    private static String recoveryCell(LoadGenerator.Report report, int from, int to, double bound) {
        int seconds = recoverySeconds(report, from, to, bound);
        return seconds < 0 ? "✘ not within the phase" : mark(seconds <= RECOVERY_SECONDS, seconds + " s");
    }

    /**
     * The least k such that every second from {@code from + k} to {@code to} with 2xx responses has its p99 within
     * {@code bound}; -1 if even the last such second is above it.
     */
    static int recoverySeconds(LoadGenerator.Report report, int from, int to, double bound) {
        int lastAbove = from - 1;
        boolean anyData = false;
        for (int s = from; s < to; s++) {
            double p99 = report.okMillis(99, s, s + 1);
            if (Double.isNaN(p99)) {
                continue;
            }
            anyData = true;
            if (p99 > bound) {
                lastAbove = s;
            }
        }
        if (!anyData || lastAbove == to - 1) {
            return -1;
        }
        return lastAbove + 1 - from;
    }

    private static String mark(boolean met, String figure) {
        return (met ? "✔ " : "✘ ") + figure;
    }

    /** The targets table (and for the step workload the recovery table), markdown. */
    String markdown(List<Variant> variants, List<Double> loads) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "## Targets (issue 16)%n%nCapacity for goodput: %.1f/s%s. Unloaded p99: `none` at its lowest load%s. "
                        + "✔ met, ✘ missed.%n%n", capacity, workload == Workload.STEP ? " (averaged over the window)" : "",
                workload == Workload.STEP ? ", first third; slow third × 3" : ""));
        List<Double> overloads = loads.stream().filter(m -> m >= 2).toList();
        b.append("| variant | unloaded p99 | 0.5×: no refusal | 1×: ≥ 97 % of `none` |");
        overloads.forEach(m -> b.append(" ").append(OverloadExperiment.multipleLabel(m)).append("×: goodput ≥ 95 %")
                .append(workload == Workload.STEP ? "" : ", p99 ≤ 2×").append(", critical ≥ 99.9 % |"));
        b.append("\n|---|---|---|---|");
        overloads.forEach(m -> b.append("---|"));
        b.append('\n');
        for (Variant v : variants) {
            b.append("| ").append(v.id()).append(" | ").append(String.format(Locale.ROOT, "%.1f ms", unloadedP99(v)))
                    .append(" | ").append(noRefusal(v)).append(" | ").append(closeToUnshedded(v)).append(" |");
            overloads.forEach(m -> b.append(' ').append(overload(v, m)).append(" |"));
            b.append('\n');
        }
        if (workload == Workload.STEP) {
            b.append("\nRecovery after the slow-down (↓, bound 2 × 3 × the unloaded p99) and after the speed-up (↑, bound 2 × the unloaded p99), "
                    + "≤ " + RECOVERY_SECONDS + " s; `✘ not within the phase`: still above the bound in the phase's last second.\n\n");
            b.append("| variant |");
            loads.forEach(m -> b.append(' ').append(OverloadExperiment.multipleLabel(m)).append("× |"));
            b.append("\n|---|");
            loads.forEach(m -> b.append("---|"));
            b.append('\n');
            for (Variant v : variants) {
                b.append("| ").append(v.id()).append(" |");
                loads.forEach(m -> b.append(' ').append(recovery(v, m)).append(" |"));
                b.append('\n');
            }
        }
        return b.toString();
    }
}
