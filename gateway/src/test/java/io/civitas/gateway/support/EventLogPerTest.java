package io.civitas.gateway.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For test classes that read the gateway's events: a fresh {@link EventLog} around every test. */
public abstract class EventLogPerTest {

    protected EventLog events;

    @BeforeEach
    void openEvents() {
        events = EventLog.open();
    }

    @AfterEach
    void closeEvents() {
        events.close();
    }
}
