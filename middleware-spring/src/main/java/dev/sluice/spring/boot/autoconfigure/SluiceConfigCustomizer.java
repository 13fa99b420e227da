package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.SluiceConfig;

/** Tweaks Sluice's configuration in code after the {@code sluice.*} properties are applied. */
@FunctionalInterface
public interface SluiceConfigCustomizer {

    void customize(SluiceConfig.Builder builder);
}
