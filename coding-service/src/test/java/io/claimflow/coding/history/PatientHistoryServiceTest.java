package io.claimflow.coding.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The history read ahead for a listener's poll (issue 22): every event of the poll asks for it, the poll's visits are
 * gathered and read once per transaction; a poll of n events used to gather all n visits for each of them.
 */
class PatientHistoryServiceTest {

    /** A transaction's read-ahead, as the JDBC adapter keeps it: the spans read so far. */
    static final class ReadAheadOnly implements PatientHistory {

        final List<Collection<Span>> reads = new ArrayList<>();

        @Override
        public void readAhead(Collection<Span> spans) {
            reads.add(List.copyOf(spans));
        }

        @Override
        public boolean readAheadCovers(Span span) {
            return reads.stream()
                    .flatMap(Collection::stream)
                    .anyMatch(s -> s.tenantId().equals(span.tenantId())
                            && s.patientId().equals(span.patientId())
                            && !span.from().isBefore(s.from())
                            && !span.before().isAfter(s.before()));
        }

        @Override
        public List<ProfessionalService> servicesBetween(
                String tenantId, String patientId, LocalDate from, LocalDate before, String excludingEncounter) {
            return List.of();
        }

        @Override
        public Optional<LocalDate> firstDateOfService(String tenantId) {
            return Optional.empty();
        }

        @Override
        public void record(ProfessionalService service) {}

        @Override
        public Optional<ProfessionalService> recorded(String encounterId) {
            return Optional.empty();
        }
    }

    @Test
    void aPollsVisitsAreGatheredAndReadOncePerTransactionNotOncePerEvent() {
        ReadAheadOnly history = new ReadAheadOnly();
        PatientHistoryService service = new PatientHistoryService(history);
        List<PatientHistoryService.Visit> poll = IntStream.range(0, 50)
                .mapToObj(i ->
                        new PatientHistoryService.Visit("t1", "MRN-" + (i % 20), LocalDate.of(2026, 3, 1 + i % 28)))
                .toList();
        AtomicInteger gathered = new AtomicInteger();

        for (PatientHistoryService.Visit visit : poll) {
            service.readAhead(visit, () -> {
                gathered.incrementAndGet();
                return poll;
            });
        }

        assertThat(gathered).as("the poll's visits gathered").hasValue(1);
        assertThat(history.reads).hasSize(1);
        assertThat(history.reads.get(0))
                .as("one span per patient, covering all its visits")
                .hasSize(20);

        // a visit of the poll the read-ahead does not cover (another transaction's, a later date) reads again
        service.readAhead(new PatientHistoryService.Visit("t1", "MRN-3", LocalDate.of(2026, 5, 1)), () -> {
            gathered.incrementAndGet();
            return poll;
        });
        assertThat(gathered).hasValue(2);
    }
}
