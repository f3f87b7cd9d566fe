export { ParameterSlider, type ParameterSliderProps } from './ParameterSlider';
export { ChoiceSelect, type ChoiceSelectProps } from './ChoiceSelect';
export { HelpButton, type HelpText } from './HelpButton';
export * from './scale';
export { FileButton } from './FileButton';
export { PaceControl, type PaceControlProps } from './PaceControl';
export { RestartKey, RestartMark } from './RestartMark';
