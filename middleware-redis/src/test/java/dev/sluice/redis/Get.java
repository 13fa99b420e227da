package dev.sluice.redis;

import dev.sluice.RequestInfo;

/** A GET from a client address, as an adapter presents it to the core. */
record Get(String path, String remoteAddress) implements RequestInfo {

    static Get of(String path) {
        return new Get(path, "192.0.2.10");
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String header(String name) {
        return null;
    }
}
