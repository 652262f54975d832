/** Where a client follows a job: the same links in every response that returns a new job. */
export const jobLinks = (id: string) => ({
  self: `/v1/jobs/${id}`,
  items: `/v1/jobs/${id}/items`,
  events: `/v1/jobs/${id}/events`,
  websocket: `/v1/jobs/${id}/ws`,
  report: `/v1/jobs/${id}/report`,
});
