import { maskPan } from '@payterm/kernel';
import type { CardEntry, TestCard } from '@payterm/terminal';
import { useId, useState } from 'react';
import { cardName } from './card-name.js';
import { keepFocus } from './keep-focus.js';

interface CardPanelProps {
  readonly cards: readonly TestCard[];
  /** The screen asks for a card: the buttons work. */
  readonly enabled: boolean;
  readonly onPresent: (pan: string, entry: Exclude<CardEntry, 'keyed'>) => void;
}

const ENTRIES: readonly { entry: Exclude<CardEntry, 'keyed'>; name: string; face: string }[] = [
  { entry: 'swipe', name: '刷卡 Swipe', face: '刷卡' },
  { entry: 'insert', name: '插卡 Insert', face: '插卡' },
  { entry: 'tap', name: '挥卡 Tap', face: '挥卡' },
];

/** The simulator's test cards: pick one, then swipe, insert or tap it when the screen asks for a card. */
export function CardPanel({ cards, enabled, onPresent }: CardPanelProps) {
  const [chosen, setChosen] = useState(cards[0]?.pan ?? '');
  const group = useId();
  return (
    <div className="card-panel">
      <fieldset className="card-list">
        <legend>测试卡 Test cards</legend>
        {cards.map((card) => {
          const id = `${group}-${card.pan}`;
          return (
            <label key={card.pan} className="card-option" htmlFor={id}>
              <input
                id={id}
                type="radio"
                name={group}
                value={card.pan}
                checked={chosen === card.pan}
                onChange={() => setChosen(card.pan)}
                aria-label={cardName(card)}
                aria-describedby={`${id}-about`}
              />
              <span className={`card-face brand-${card.brand.toLowerCase()}`} aria-hidden="true">
                {card.brand}
              </span>
              <span className="card-text">
                <span className="card-pan">{maskPan(card.pan)}</span>
                <span className="card-about" id={`${id}-about`}>
                  {card.type === 'debit' ? '借记卡 debit' : '贷记卡 credit'} · {card.behaviour} · PIN{' '}
                  {card.pin}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="card-actions">
        {ENTRIES.map(({ entry, name, face }) => (
          <button
            key={entry}
            type="button"
            className="card-action"
            aria-label={name}
            disabled={!enabled || chosen === ''}
            onMouseDown={keepFocus}
            onClick={() => onPresent(chosen, entry)}
          >
            {face} <span lang="en">{name.split(' ')[1]}</span>
          </button>
        ))}
      </div>
      <p className="panel-note">
        {enabled
          ? '屏幕在等卡：选卡后刷卡、插卡或挥卡 · The screen waits for a card'
          : '收银员发起交易后在此出示卡片 · Present a card here once a transaction asks for one'}
      </p>
    </div>
  );
}
