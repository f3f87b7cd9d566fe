import { laneColor, laneDash, laneMarker, type LaneMarker } from './laneStats';

/** A lane's marker shape centred on (x, y), in the lane's colour. */
export function MarkerShape({
  shape,
  x,
  y,
  color,
  size = 4,
}: {
  shape: LaneMarker;
  x: number;
  y: number;
  color: string;
  size?: number;
}) {
  const common = { fill: color, stroke: '#fff', strokeWidth: 1 };
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={size} {...common} />;
    case 'square':
      return <rect x={x - size} y={y - size} width={2 * size} height={2 * size} {...common} />;
    case 'triangle':
      return (
        <path
          d={`M${x},${y - size - 1} L${x + size + 1},${y + size} L${x - size - 1},${y + size} Z`}
          {...common}
        />
      );
    case 'diamond':
      return (
        <path
          d={`M${x},${y - size - 1} L${x + size + 1},${y} L${x},${y + size + 1} L${x - size - 1},${y} Z`}
          {...common}
        />
      );
  }
}

/** The lane's line as the charts draw it (colour, dash, marker): for legends and lane cards. */
export function LaneKey({ index }: { index: number }) {
  const color = laneColor(index);
  return (
    <svg
      className="lane-key"
      width="34"
      height="12"
      viewBox="0 0 34 12"
      aria-hidden="true"
      data-marker={laneMarker(index)}
    >
      <line
        x1="1"
        y1="6"
        x2="33"
        y2="6"
        stroke={color}
        strokeWidth="2"
        strokeDasharray={laneDash(index) || undefined}
      />
      <MarkerShape shape={laneMarker(index)} x={17} y={6} color={color} size={3.5} />
    </svg>
  );
}
