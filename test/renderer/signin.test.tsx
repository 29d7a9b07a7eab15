// @vitest-environment jsdom
// serve mode's sign-in: a wrong token says what to do; a good one signs in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignIn } from '../../src/renderer/src/app/SignIn';

afterEach(cleanup);

describe('sign-in', () => {
  it('asks for the token serve printed and says plainly when it is refused', async () => {
    const onToken = vi.fn(async (t: string) => t === 'right');
    render(<SignIn onToken={onToken} rejected={false} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText(/Paste the API token/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('API token'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/was not accepted/)).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('API token'));
    await userEvent.type(screen.getByLabelText('API token'), 'right');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onToken).toHaveBeenLastCalledWith('right');
  });

  it('ties the error to the field and announces it', async () => {
    render(<SignIn onToken={async () => false} rejected={false} />);
    const field = screen.getByLabelText('API token');
    await userEvent.type(field, 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const error = await screen.findByText(/was not accepted/);
    expect(field.getAttribute('aria-describedby')).toBe(error.id);
    expect(error.id).not.toBe('');
    expect(error.getAttribute('aria-live')).toBe('assertive');
  });
});
