package io.civitas.systemtest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.civitas.testsupport.process.ProjectLayout;

/**
 * One running platform for every system test class of the JVM: started by the first class that asks for it (as a
 * {@link Platform} parameter of a {@code @BeforeAll} or test method), stopped when the test run ends.
 */
public final class SharedPlatform implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPlatform.class))
                .computeIfAbsent(Platform.class, type -> {
                    ProjectLayout layout = ProjectLayout.locate();
                    return Platform.start(layout, layout.runDir("system-test-run"));
                }, Platform.class);
    }
}
