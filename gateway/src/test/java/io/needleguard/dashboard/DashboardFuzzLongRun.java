package io.needleguard.dashboard;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The long run of {@link DashboardFuzzTest}: 10,000 forms, 3,000 area choices, 3,000 listings. Runs with
 * {@code ./mvnw -B verify -Preliability}, not in every build.
 */
class DashboardFuzzLongRun {

    private static DashboardFuzzTest.Server server;

    @BeforeContainer
    static void start() throws Exception {
        server = new DashboardFuzzTest.Server();
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everySessionLoggedOrRefused(
            @ForAll("owners") String owner, @ForAll("forms") String body, @ForAll("headers") List<String> headers) {
        List<String> all = new ArrayList<>(DashboardFuzzTest.json());
        all.addAll(headers);
        server.check("POST", "/api/owners/" + owner + "/log", all, body);
    }

    @Property(tries = 3_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyAreaChosenOrRefused(@ForAll("pens") String pen, @ForAll("areaBodies") String body) {
        server.check("POST", "/api/pens/" + pen + "/area", DashboardFuzzTest.json(), body);
    }

    @Property(tries = 3_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyListingAnswered(
            @ForAll("listings") String listing,
            @ForAll("since") String since,
            @ForAll("headers") List<String> headers) {
        server.check("GET", "/api/owners/alex/" + listing + "?since=" + since, headers, "");
    }

    @Provide
    Arbitrary<String> owners() {
        return DashboardFuzzTest.owners();
    }

    @Provide
    Arbitrary<String> pens() {
        return DashboardFuzzTest.pens();
    }

    @Provide
    Arbitrary<String> forms() {
        return DashboardFuzzTest.forms();
    }

    @Provide
    Arbitrary<String> areaBodies() {
        return DashboardFuzzTest.areaBodies();
    }

    @Provide
    Arbitrary<String> listings() {
        return DashboardFuzzTest.listings();
    }

    @Provide
    Arbitrary<String> since() {
        return DashboardFuzzTest.since();
    }

    @Provide
    Arbitrary<List<String>> headers() {
        return DashboardFuzzTest.headers();
    }
}
