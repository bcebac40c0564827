package io.claimflow.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording HTTP endpoint that answers like patient-billing-service and adjudication-gateway on the paths the
 * console calls (their documented contracts, see the README), so the console's side can be checked without those
 * services: calls are recorded as {@code METHOD path Authorization [Idempotency-Key]}. A payment's idempotency key
 * answers 201 the first time and 200 with the same payment after, as patient-billing-service does. The raw X12 of
 * an interchange is given to {@code admin} only, as the gateway does.
 */
final class FakeServices implements AutoCloseable {

    static final byte[] PDF =
            "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final String X12 =
            "ISA*00*          *00*          *ZZ*CLAIMFLOW      *ZZ*BKHP1          *260101*1200*^*00501*"
                    + "000000001*0*T*:~GS*HC*CLAIMFLOW*BKHP1*20260101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~"
                    + "SE*2*0001~GE*1*1~IEA*1*000000001~";

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Set<String> paymentKeys = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    FakeServices() {
        server = serve(this::answer);
    }

    /** A started HTTP server on a free local port that hands every request to {@code handler}. */
    static HttpServer serve(HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        calls.add(exchange.getRequestMethod() + " " + path + " " + authorization + (key == null ? "" : " " + key));
        exchange.getRequestBody().readAllBytes();
        if (path.startsWith("/patient-accounts/7?")) {
            json(exchange, 200, """
                    {"id":7,"tenantId":"riverside-fm","accountNumber":"riverside-fm-7","patientRef":"MRN-7",
                     "guarantorName":"Pat Example","address":[],"balance":45.00,"credit":0.00,
                     "aging":{"buckets":{"CURRENT":20.00,"DAYS_31_60":25.00,"DAYS_61_90":0.00,"DAYS_91_120":0.00,
                       "OVER_120":0.00},"credit":0.00,"balance":45.00},
                     "openClaims":[{"claimId":"clm-7a","balance":25.00,"responsibleSince":"2026-01-02"},
                       {"claimId":"clm-7b","balance":20.00,"responsibleSince":"2026-02-10"}],
                     "statementsSinceLastPayment":1,"collections":false,"paymentPlan":null,
                     "ledger":[{"entryId":3,"lineNo":1,"kind":"REMITTANCE","effectiveDate":"2026-01-02",
                       "description":"Payer remittance","ledgerAccount":"PATIENT_RECEIVABLE","claimId":"clm-7a",
                       "component":"COPAY","amount":25.00,"postedAt":"2026-01-02T10:00:00Z"}]}""");
        } else if (path.equals("/patient-accounts/tenants")) {
            json(exchange, 200, "[\"lakeside-peds\",\"riverside-fm\"]");
        } else if (path.startsWith("/patient-accounts/search")) {
            json(exchange, 200, """
                    {"page":1,"size":25,"total":349,"items":[{"id":7,"tenantId":"riverside-fm",
                     "accountNumber":"riverside-fm-7","patientRef":"MRN-7","name":"Pat Example",
                     "birthDate":"1961-07-22","balance":45.00}]}""");
        } else if (path.equals("/statements?accountId=7")) {
            json(exchange, 200, """
                    [{"id":31,"runId":4,"tenantId":"riverside-fm","statement":{"accountId":7,
                      "accountNumber":"riverside-fm-7","statementDate":"2026-02-28","dueDate":"2026-03-21",
                      "previousBalance":0.00,"paymentsSince":0.00,"credit":0.00,"balance":45.00,"minimumDue":25.00,
                      "lines":[{"claimId":"clm-7a","encounterId":"enc-7a","serviceFrom":"2026-01-01",
                        "serviceTo":"2026-01-01","provider":"Dr Example","charge":210.00,"insurancePaid":103.74,
                        "adjustments":81.26,"patientShare":{"deductible":0.00,"coinsurance":0.00,"copay":25.00,
                        "other":0.00},"patientPaid":0.00,"balance":25.00,"responsibleSince":"2026-01-02"}]}}]""");
        } else if (path.equals("/statements/31/pdf")) {
            send(exchange, 200, "application/pdf", PDF);
        } else if (path.equals("/patient-accounts/7/payments")) {
            boolean first = key != null && paymentKeys.add(key);
            json(exchange, first ? 201 : 200, """
                    {"paymentId":91,"accountId":7,"journalEntryId":12,"amount":20.00,"method":"CARD",
                     "receivedOn":"2026-03-01","applied":[{"claimId":"clm-7a","amount":20.00}],"toCredit":0.00,
                     "balanceAfter":25.00,"created":%s}""".formatted(first));
        } else if (path.startsWith("/api/adjudication/claims/")
                && path.endsWith("/x12-history")
                && !path.contains("clm-unknown")) {
            json(exchange, 200, """
                    {"claimId":"clm-x","encounterId":"enc-x","status":"PAID","payerId":"BKHP1",
                     "events":[{"interchangeId":5,"transactionType":"837P","outcome":"SENT","detail":null,
                       "at":"2026-01-01T12:00:00Z"},
                      {"interchangeId":6,"transactionType":"999","outcome":"ACCEPTED","detail":"IK5 A",
                       "at":"2026-01-01T12:01:00Z"},
                      {"interchangeId":8,"transactionType":"835","outcome":"PAID","detail":"CLP 1 paid 103.74",
                       "at":"2026-01-03T08:00:00Z"}]}""");
        } else if (path.equals("/api/adjudication/interchanges/5")) {
            json(exchange, 200, """
                    {"id":5,"direction":"OUT","transactionType":"837P","payerId":"BKHP1","status":"SENT",
                     "claimCount":1}""");
        } else if (path.equals("/api/adjudication/interchanges/5/raw")) {
            if (authorization != null && authorization.equals(ConsoleTestUsers.basic("admin"))) {
                send(exchange, 200, "application/edi-x12", X12.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                json(
                        exchange,
                        403,
                        "{\"title\":\"Forbidden\",\"status\":403,"
                                + "\"detail\":\"Your role does not allow this request\"}");
            }
        } else {
            json(
                    exchange,
                    404,
                    "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"nothing at "
                            + path.replaceAll("[^a-z0-9/-]", "") + "\"}");
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(
                exchange,
                status,
                status >= 400 ? "application/problem+json" : "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
