import { type ComponentChildren, render } from "preact";
import { useEffect } from "preact/hooks";
import { Layout } from "./components/layout";
import { useT } from "./lib/i18n";
import { match, useRoute } from "./lib/route";
import { ready, restore, session } from "./lib/session";
import { useStore } from "./lib/store";
import { AuditPage } from "./pages/admin-audit";
import { KeysPage } from "./pages/admin-keys";
import { UsersPage } from "./pages/admin-users";
import { WebhooksPage } from "./pages/admin-webhooks";
import { JobPage } from "./pages/job";
import { JobsPage } from "./pages/jobs";
import { ChangePassword, Login } from "./pages/login";
import { NewJob } from "./pages/new-job";
import { ReviewPage } from "./pages/review";

function App() {
  const path = useRoute();
  const s = useStore(session);
  const isReady = useStore(ready);
  const t = useT();
  // Move focus to the new page's heading so keyboard and screen-reader users land on it.
  useEffect(() => {
    document.getElementById("page-title")?.focus();
  }, [path, s?.user.id, s?.user.mustChangePassword]);
  let page: ComponentChildren;
  if (!isReady) page = <p>{t("loading")}</p>;
  else if (!s) page = <Login />;
  else if (s.user.mustChangePassword) page = <ChangePassword s={s} />;
  else {
    const job = match("/jobs/:id", path);
    const admin = s.user.role === "admin";
    if (job) page = <JobPage id={job.id!} s={s} />;
    else if (path.startsWith("/jobs")) page = <JobsPage />;
    else if (path.startsWith("/review")) page = <ReviewPage s={s} />;
    else if (path.startsWith("/admin/") && !admin) page = <p class="note warn">{t("forbidden")}</p>;
    else if (path === "/admin/users") page = <UsersPage s={s} />;
    else if (path === "/admin/keys") page = <KeysPage />;
    else if (path === "/admin/webhooks") page = <WebhooksPage />;
    else if (path === "/admin/audit") page = <AuditPage />;
    else page = <NewJob />;
  }
  return (
    <Layout path={path} s={s}>
      {page}
    </Layout>
  );
}

void restore();
render(<App />, document.getElementById("app")!);
