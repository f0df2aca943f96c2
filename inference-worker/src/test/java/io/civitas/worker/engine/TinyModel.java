package io.civitas.worker.engine;

import java.nio.file.Path;

import io.civitas.worker.model.TestModelGenerator;

/** The generated tiny model, loaded once per test JVM for the plain (non-Quarkus) engine tests. */
final class TinyModel {

    static final Path DIR = Path.of("target", "unit-model", "civitas-tiny");
    static final Path KV_DIR = Path.of("target", "unit-kv");

    private static JlamaModel model;

    private TinyModel() {
    }

    static synchronized JlamaModel get() {
        if (model == null) {
            TestModelGenerator.generate(DIR);
            model = JlamaModel.load(DIR, KV_DIR, 2);
        }
        return model;
    }
}
