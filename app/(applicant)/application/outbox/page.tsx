import { OutboxList } from "@/components/OutboxList";
import { requirePage } from "@/lib/auth/authorize";
import { outboxFor } from "@/lib/server/notify/queries";

export default async function OutboxPage() {
  const actor = await requirePage("application.own", "/application/outbox");
  return <OutboxList rows={await outboxFor(actor)} />;
}
