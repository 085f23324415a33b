// The app's button: a plain <button> that is never a form's submit by accident, in one of the looks the style
// sheet defines (the class names stay those of styles.css, which the end-to-end tests also find buttons by).
import type { ButtonHTMLAttributes } from "react";

/** `primary` is the filled button (no class); the others are the style sheet's classes of the same name. */
export type ButtonVariant = "primary" | "secondary" | "link" | "chip" | "danger";

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> {
  variant?: ButtonVariant;
  small?: boolean;
  /** Only a form's own Save button submits it. */
  type?: "button" | "submit";
}

/** The class attribute for a look, with any extra classes after it (undefined when there is none). */
export function buttonClass(variant: ButtonVariant, small: boolean, extra?: string): string | undefined {
  const names = [variant === "primary" ? "" : variant, small ? "small" : "", extra ?? ""].filter((n) => n !== "");
  return names.length > 0 ? names.join(" ") : undefined;
}

export function Button({ variant = "primary", small = false, type = "button", className, ...rest }: Props) {
  return <button type={type} className={buttonClass(variant, small, className)} {...rest} />;
}
