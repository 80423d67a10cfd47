"use client";

import { useState } from "react";
import { revokeUserSessions } from "@/lib/server/users/actions";
import { useActionCall } from "@/components/ui/call-action";

export function RevokeSessions({ userId, email }: { userId: string; email: string }) {
  const call = useActionCall();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="text-xs text-red-700 underline"
        onClick={async () => {
          const reason = window.prompt(`Sign ${email} out everywhere. Reason:`);
          if (!reason) return;
          const result = await call(revokeUserSessions, { userId, reason });
          setMessage(result.ok ? `${result.data.sessionsRevoked} session(s) ended` : result.formError ?? "Not done");
        }}
      >
        Sign out everywhere
      </button>
      {message ? <span role="status" className="ml-2 text-xs">{message}</span> : null}
    </span>
  );
}
