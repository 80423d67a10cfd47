import { OutboxList } from "@/components/OutboxList";
import { requirePage } from "@/lib/auth/authorize";
import { outboxFor } from "@/lib/server/notify/queries";

export default async function OutboxPage() {
  const actor = await requirePage("ch.read", "/ch/outbox");
  return <OutboxList rows={await outboxFor(actor)} />;
}
