export function FieldError({ message }: { message?: string | string[] }) {
  const text = Array.isArray(message) ? message.join(" ") : message;
  if (!text) return null;
  return <p className="mt-1 text-sm text-red-700">{text}</p>;
}
