import { randomInt } from 'node:crypto';

/** Luhn check digit, so a mistyped card number at the till is caught before any lookup. */
export function luhnDigit(digits: string): number {
  let total = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return (10 - (total % 10)) % 10;
}

export function isValidCardNo(cardNo: string): boolean {
  return /^8\d{11}$/.test(cardNo) && luhnDigit(cardNo.slice(0, -1)) === Number(cardNo.slice(-1));
}

/** 12 digits: '8', 10 random digits, Luhn check. Uniqueness is enforced by the card_numbers collection. */
export function randomCardNo(): string {
  let body = '8';
  for (let i = 0; i < 10; i += 1) body += String(randomInt(10));
  return body + String(luhnDigit(body));
}

export function maskCardNo(cardNo: string): string {
  return `${cardNo.slice(0, 2)}******${cardNo.slice(-4)}`;
}
