package dev.sluice.client.spring.boot;

import dev.sluice.client.SluiceRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code sluice.client.enabled} unset, having {@code sluice-client} on the class path changes nothing. */
@SpringBootTest(classes = FlakyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(60)
class StockApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    RestClient.Builder restClients;

    @Autowired
    FlakyApplication server;

    @Autowired
    ApplicationContext context;

    @Test
    void bootsRestClientHandsBackThe503AfterOneAttemptAndNoSluiceBeanExists() {
        RestClient client = restClients.baseUrl("http://127.0.0.1:" + port).build();

        int status = client.get().uri("/flaky?key=stock").exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(503);
        assertThat(server.requests("stock")).isEqualTo(1);
        assertThat(context.getBeanNamesForType(SluiceRetry.class)).isEmpty();
    }
}
