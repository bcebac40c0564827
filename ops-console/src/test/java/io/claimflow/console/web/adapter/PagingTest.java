package io.claimflow.console.web.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A list's paging from a service's page answer, exact or counted only up to a cap ("more than"). */
class PagingTest {

    @Test
    void aTotalCountedUpToTheCapIsMoreThanItAndHasANextPageAtItsEnd() {
        Paging capped = Paging.of(399, 25, Map.of("total", 10_000, "totalAtLeast", true), 25);
        assertThat(capped.atLeast()).isTrue();
        assertThat(capped.last()).isEqualTo(10_000);
        assertThat(capped.hasNext()).as("more than 10,000 match").isTrue();

        Paging exact = Paging.of(399, 25, Map.of("total", 10_000), 25);
        assertThat(exact.atLeast()).isFalse();
        assertThat(exact.hasNext()).isFalse();
        assertThat(Paging.of(0, 25, null, 3).total()).isEqualTo(3);
    }
}
