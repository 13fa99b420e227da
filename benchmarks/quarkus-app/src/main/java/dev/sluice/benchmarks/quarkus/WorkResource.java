package dev.sluice.benchmarks.quarkus;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /work?ms=N}: one worker for N ms, on a worker thread (a blocking method). */
@Path("/work")
public class WorkResource {

    private final Workers workers;

    WorkResource(Workers workers) {
        this.workers = workers;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String work(@QueryParam("ms") @DefaultValue("50") long ms) throws InterruptedException {
        if (ms < 0 || ms > 60_000) {
            throw new BadRequestException("ms out of range: " + ms);
        }
        return workers.work(ms);
    }
}
