package ch.opsfabric.infra.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** End-to-end suites that drive one local stack, started for the class and stopped after it. */
abstract class AgainstLocalStack {

    static LocalStack stack;
    static LocalHttp http;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(0);
        http = new LocalHttp(stack.baseUrl());
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    static void clock(String isoWithOffset) {
        http.setClock(isoWithOffset);
    }
}
